/** `score --arch`: κ_N and R_N of one cell (mean and spread over repeats) beside its NAS-Bench-201 accuracies. */
import { loadCifar } from '../engine/cifar';
import { loadNb201 } from '../engine/nb201';
import { nodeReadAsset } from '../engine/node-assets';
import { scoreCell, spread } from '../engine/score';
import { parseArch } from '../engine/space';
import { backendFrom, intOption, OptionError, settingsFrom } from './options';
import type { Values } from './options';
import { describeCell } from './report';

export async function runScore(v: Values): Promise<number> {
  if (!v.arch) throw new OptionError('score needs --arch "<arch string>"');
  const { ops } = parseArch(String(v.arch));
  const seed = intOption(v, 'seed', 0, 2 ** 31 - 1) ?? 0;
  const { preset, settings } = settingsFrom(v);
  const chunk = intOption(v, 'chunk', 1, 128);
  const backend = await backendFrom(v);
  const read = nodeReadAsset();
  const [data, table] = await Promise.all([loadCifar(read), loadNb201(read)]);
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
