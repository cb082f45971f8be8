/** `score --arch`: κ_N and R_N of one cell (mean and spread over repeats) beside its NAS-Bench-201 accuracies. */
import { scoreCell } from '../engine/study/score';
import { spread } from '../engine/measures/spread';
import { parseArch } from '../engine/model/nb201/space';
import { runDartsScore } from './darts';
import { commandSetup, OptionError, settingsFrom } from './options';
import type { Values } from './options';
import { describeCell } from './report';

export async function runScore(v: Values): Promise<number> {
  if (v.genotype !== undefined || settingsFrom(v).settings.space === 'darts') return runDartsScore(v);
  if (!v.arch) throw new OptionError('score needs --arch "<arch string>"');
  const { ops } = parseArch(String(v.arch));
  const { seed, preset, settings, chunk, backend, data, table } = await commandSetup(v);
  console.log(`scoring with seed ${seed}, preset ${preset}, backend ${backend}`);
  const t0 = performance.now();
  const s = await scoreCell(data, settings, seed, ops, { chunk });
  if (s.degenerate) {
    console.log('degenerate cell: its output is identically zero, so κ_N and R_N are undefined');
  } else {
    const k = spread(s.kappa);
    const r = spread(s.regions);
    console.log(`κ_N ${k.mean.toFixed(2)} ± ${k.std.toFixed(2)}  (repeats: ${s.kappa.map((x) => x.toFixed(2)).join(', ')})`);
    console.log(`R_N ${r.mean.toFixed(1)} ± ${r.std.toFixed(1)}  (repeats: ${s.regions.join(', ')})`);
  }
  console.log(describeCell(table, ops, settings.numClasses));
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return 0;
}
