/** `search`: runs the whole pruning search, prints progress and the result with NAS-Bench-201 accuracies; `--out` writes the run file. */
import { writeRunOut } from './run-out';
import type { SearchEvent } from '../engine/search/events';
import { totalCandidates } from '../engine/search/ranking';
import { search } from '../engine/search/search';
import { OPS, edgeLabel } from '../engine/model/nb201/space';
import { runDartsSearch } from './darts';
import { commandSetup, settingsFrom } from './options';
import type { Values } from './options';
import { describeCell } from './report';
import { describeScheduled, overridesFrom } from './override-flags';
import { describeOverride } from '../engine/search/overrides';

const fmt = (x: number) => (Math.abs(x) >= 1e5 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : x.toFixed(3));

export async function runSearch(v: Values): Promise<number> {
  if (settingsFrom(v).settings.space === 'darts') return runDartsSearch(v);
  // Checked before anything loads: a bad override stops the command with one line.
  const overrides = overridesFrom(v);
  const { seed, preset, settings, chunk, backend, data, table } = await commandSetup(v);
  const total = totalCandidates();
  console.log(`TE-NAS search: seed ${seed}, preset ${preset}, ${settings.numClasses} classes, backend ${backend}`);
  console.log(`settings: ${JSON.stringify(settings)}`);
  console.log(
    settings.sharedBatch
      ? 'batches: shared per repeat by all candidates of a round (--shared-batch; NOT the official behaviour: the supernet is measured once per repeat per round)'
      : 'batches: official (each candidate draws its own batch, weights and crops and measures the supernet again)',
  );
  for (const o of overrides) console.log(`override: ${describeScheduled(o)}`);
  const events: SearchEvent[] = [];
  const t0 = performance.now();
  let done = 0;
  for await (const e of search(data, settings, seed, { chunk, overrides })) {
    events.push(e);
    const el = (performance.now() - t0) / 1000;
    if (e.type === 'override') console.log(`  override (round ${e.round + 1}): ${describeOverride(e.override)}`);
    if (e.type === 'round-start') console.log(`\nround ${e.round + 1}: ${e.candidates.length} candidates`);
    if (e.type === 'candidate') {
      done++;
      const eta = (el / done) * (total - done);
      console.log(
        `  [${done}/${total}] edge ${edgeLabel(e.edge)} ${OPS[e.op].padEnd(12)} κ ${fmt(e.kappa.original[0])}→${fmt(e.kappa.pruned[0])} Δκ ${fmt(e.deltaKappa.mean)}  R ${e.regions.original[0]}→${e.regions.pruned[0]} ΔR ${fmt(e.deltaRegions.mean)}  ${(e.ms / 1000).toFixed(1)} s  (elapsed ${el.toFixed(0)} s, ETA ${eta.toFixed(0)} s)`,
      );
    }
    if (e.type === 'round-end') {
      console.log(`  pruned: ${e.pruned.map((p) => `${edgeLabel(p.edge)} ${OPS[p.op]}`).join(', ')}`);
      const steered = e.ranked.filter((k) => k.override);
      if (steered.length > 0)
        console.log(
          `  by hand: ${steered.map((k) => `${edgeLabel(k.edge)} ${OPS[k.op]} ${k.override === 'pin' ? 'kept (pinned)' : 'pruned'}`).join(', ')}`,
        );
    }
    if (e.type === 'result') {
      console.log(`\nresult after ${e.rounds} rounds, ${((performance.now() - t0) / 1000).toFixed(1)} s:`);
      console.log(describeCell(table, e.ops, settings.numClasses));
    }
  }
  const durationMs = performance.now() - t0;
  if (v.out) await writeRunOut(String(v.out), { seed, settings, backend, events, durationMs });
  return 0;
}
