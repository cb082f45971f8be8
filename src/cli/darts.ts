/**
 * The DARTS space on the command line: `search --space darts` prints each
 * round (candidates over both cells, the pruned ops), the edge-group step and
 * the genotype; `score --space darts --genotype "Genotype(…)"` prints κ_N and
 * R_N of that cell pair. The official DARTS CIFAR-10 settings (preset darts)
 * are the default. `--pin CELL:EDGE:OP` / `--prune CELL:EDGE:OP` steer the
 * search (./override-flags), checked before anything loads.
 */
import { writeRunOut } from './run-out';
import { spread } from '../engine/measures/spread';
import { parseGenotype } from '../engine/model/darts/genotype';
import { CELLS, edgeLabel, OPS } from '../engine/model/darts/space';
import type { SearchEvent } from '../engine/search/events';
import { search } from '../engine/search/search';
import { describeOverride } from '../engine/search/overrides';
import { scoreGenotype } from '../engine/study/darts-score';
import { commandSetup, OptionError } from './options';
import type { Values } from './options';
import { describeScheduled, overridesFrom } from './override-flags';

const fmt = (x: number) => (Math.abs(x) >= 1e5 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : x.toFixed(3));
/** "normal 2<-1 sep_conv_3x3". */
export const dartsOpLabel = (p: { cell?: number; edge: number; op: number }) => `${CELLS[p.cell ?? 0]} ${edgeLabel(p.edge)} ${OPS[p.op]}`;

/** Candidates of an official DARTS search: 196 + 112 in the pruning rounds, 24 in the edge-group step. */
const TOTAL = 196 + 112 + 24;

export async function runDartsSearch(v: Values): Promise<number> {
  // Checked before anything loads: a bad override stops the command with one line.
  const overrides = overridesFrom(v, 'darts');
  const { seed, preset, settings, chunk, backend, data } = await commandSetup(v);
  console.log(`TE-NAS search in the DARTS space: seed ${seed}, preset ${preset}, ${settings.numClasses} classes, backend ${backend}`);
  console.log(`settings: ${JSON.stringify(settings)}; prune number 3, then the edge-group step (2 edges per node)`);
  for (const o of overrides) console.log(`override: ${describeScheduled(o)}`);
  const events: SearchEvent[] = [];
  const t0 = performance.now();
  let done = 0;
  let roundT0 = t0;
  for await (const e of search(data, settings, seed, { chunk, overrides })) {
    events.push(e);
    const el = (performance.now() - t0) / 1000;
    if (e.type === 'override') console.log(`  override (round ${e.round + 1}): ${describeOverride(e.override)}`);
    if (e.type === 'round-start') {
      roundT0 = performance.now();
      const what = e.phase === 'group' ? 'edge-group step' : `round ${e.round + 1}`;
      console.log(`\n${what}: ${e.candidates.length} candidates`);
    }
    if (e.type === 'candidate') {
      done++;
      const eta = (el / done) * Math.max(0, TOTAL - done);
      console.log(
        `  [${done}] ${dartsOpLabel(e).padEnd(30)} κ ${fmt(e.kappa.original[0])}→${fmt(e.kappa.pruned[0])} Δκ ${fmt(e.deltaKappa.mean)}  R ${e.regions.original[0]}→${e.regions.pruned[0]} ΔR ${fmt(e.deltaRegions.mean)}  ${(e.ms / 1000).toFixed(1)} s  (elapsed ${el.toFixed(0)} s, ETA ${eta.toFixed(0)} s)`,
      );
    }
    if (e.type === 'round-end') {
      console.log(`  pruned (${e.pruned.length}): ${e.pruned.map(dartsOpLabel).join(', ')}`);
      const steered = e.ranked.filter((k) => k.override);
      if (steered.length > 0)
        console.log(
          `  by hand: ${steered.map((k) => `${dartsOpLabel(k)} ${k.override === 'pin' ? 'kept (pinned)' : 'pruned'}`).join(', ')}`,
        );
      console.log(`  ${((performance.now() - roundT0) / 1000).toFixed(1)} s`);
    }
    if (e.type === 'result') {
      console.log(`\nresult after ${e.rounds} rounds (the last the edge-group step), ${el.toFixed(1)} s:`);
      console.log(e.arch);
    }
  }
  const durationMs = performance.now() - t0;
  if (v.out) await writeRunOut(String(v.out), { seed, settings, backend, events, durationMs });
  return 0;
}

export async function runDartsScore(v: Values): Promise<number> {
  if (!v.genotype)
    throw new OptionError(
      'score --space darts needs --genotype "Genotype(normal=[…], normal_concat=[2, 3, 4, 5], reduce=[…], reduce_concat=[2, 3, 4, 5])"',
    );
  let genotype: ReturnType<typeof parseGenotype>;
  try {
    genotype = parseGenotype(String(v.genotype));
  } catch (e) {
    throw new OptionError(`--genotype: ${(e as Error).message}`);
  }
  const { seed, preset, settings, chunk, backend, data } = await commandSetup(v);
  console.log(`scoring a DARTS genotype with seed ${seed}, preset ${preset}, backend ${backend}`);
  const t0 = performance.now();
  const s = await scoreGenotype(data, settings, seed, genotype, { chunk });
  const k = spread(s.kappa);
  const r = spread(s.regions);
  console.log(`κ_N ${k.mean.toFixed(2)} ± ${k.std.toFixed(2)}  (repeats: ${s.kappa.map((x) => x.toFixed(2)).join(', ')})`);
  console.log(`R_N ${r.mean.toFixed(1)} ± ${r.std.toFixed(1)}  (repeats: ${s.regions.join(', ')})`);
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return 0;
}
