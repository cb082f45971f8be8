/**
 * Writes a synthetic, schema-valid complete run (made-up κ and R numbers,
 * ranked by the engine's own ranking) to stdout, for the replay and
 * bad-input end-to-end tests. `--degenerate` makes two candidates' κ
 * undefined (NaN → 100000 and λmin = 0 → MAX_VALUE). Not a recording.
 * Usage: npx tsx test/e2e/synthetic-run.ts [--degenerate]
 */
import type { CandidateEvent, SearchEvent } from '../../src/engine/search/events';
import { KAPPA_NAN } from '../../src/engine/measures/kappa';
import { deltaFromPairs, listCandidates, rankCandidates } from '../../src/engine/search/ranking';
import { makeRun } from '../../src/engine/search/run-file';
import { PRESETS } from '../../src/engine/model/settings';
import { fullMask, opsToArch } from '../../src/engine/model/nb201/space';

const degenerate = process.argv.includes('--degenerate');
const settings = { ...PRESETS.quick, batchSize: 4, regionBatchSize: 100 };
let seed = 12345;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const events: SearchEvent[] = [];
let mask = fullMask();
let round = 0;
let n = 0;
for (;;) {
  const candidates = listCandidates(mask);
  if (candidates.length === 0) break;
  events.push({ type: 'round-start', round, mask: mask.map((r) => r.slice()), candidates });
  const measured: CandidateEvent[] = candidates.map((c, index) => {
    let k = [1000 + 4000 * rand(), 1000 + 4000 * rand()];
    if (degenerate && n === 1) k = [k[0], KAPPA_NAN];
    if (degenerate && n === 2) k = [Number.MAX_VALUE, k[1]];
    n++;
    const r = [500 + Math.round(500 * rand()), 500 + Math.round(500 * rand())];
    return {
      type: 'candidate',
      round,
      index,
      edge: c.edge,
      op: c.op,
      kappa: { original: [k[0]], pruned: [k[1]] },
      regions: { original: [r[0]], pruned: [r[1]] },
      deltaKappa: deltaFromPairs([[k[0], k[1]]], settings.precision),
      deltaRegions: deltaFromPairs([[r[0], r[1]]], settings.precision),
      ms: 10,
    };
  });
  events.push(...measured);
  const ranking = rankCandidates(
    measured.map((e) => ({ edge: e.edge, op: e.op, deltaKappa: e.deltaKappa.mean, deltaRegions: e.deltaRegions.mean })),
    settings.precision,
  );
  const next = mask.map((r) => r.slice());
  for (const p of ranking.pruned) next[p.edge][p.op] = 0;
  events.push({ type: 'round-end', round, ranked: ranking.ranked, pruned: ranking.pruned, mask: next });
  mask = next;
  round++;
}
const ops = mask.map((row) => row.findIndex((v, i) => i > 0 && v === 1));
events.push({ type: 'result', ops, arch: opsToArch(ops), rounds: round });
process.stdout.write(JSON.stringify(makeRun(0, settings, 'synthetic', events, { label: 'synthetic test run (made-up numbers)' })));
