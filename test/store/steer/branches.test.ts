// The page's branches as data: where a run branches, its overrides as the URL writes them, what is left to compute, the history as a tree, and two runs' parting rounds.
import { describe, expect, it } from 'vitest';
import type { Override, SearchEvent } from '../../../src/engine/search/events';
import { makeRun, type Run } from '../../../src/engine/search/run-file';
import { listCandidates } from '../../../src/engine/search/ranking';
import { fullMask, withoutOp } from '../../../src/engine/model/nb201/space';
import { PRESETS } from '../../../src/engine/model/settings';
import { branchIndex, scheduledOf } from '../../../src/store/steer/branch-point';
import type { HistoryEntry } from '../../../src/store/db/schema';
import { candidatesLeft } from '../../../src/store/run/remaining';
import { runKey } from '../../../src/store/runs/run-id';
import { jointTrajectory, partings } from '../../../src/store/steer/run-diff';
import { runTree } from '../../../src/store/runs/run-tree';

const pin = (edge: number, op: number): Override => ({ kind: 'pin', edge, op });
const start = (round: number, mask: number[][]): SearchEvent => ({ type: 'round-start', round, mask, candidates: listCandidates(mask) });
const candidate = (round: number, index: number, edge: number, op: number, kappa = 100, regions = 50): SearchEvent => ({
  type: 'candidate',
  round,
  index,
  edge,
  op,
  kappa: { original: [kappa], pruned: [kappa] },
  regions: { original: [regions], pruned: [regions] },
  deltaKappa: { perRepeat: [0], mean: 0 },
  deltaRegions: { perRepeat: [0], mean: 0 },
  ms: 1,
});
const end = (round: number, before: number[][], pruned: { edge: number; op: number }[]): SearchEvent => ({
  type: 'round-end',
  round,
  ranked: [],
  pruned,
  mask: pruned.reduce(withoutOp, before),
});
/** Round 1 with two candidates measured and its end (edge 0 loses skip_connect), then round 2 started. */
function twoRounds(): SearchEvent[] {
  const m0 = fullMask();
  const ended = end(0, m0, [{ edge: 0, op: 1 }]);
  const m1 = ended.type === 'round-end' ? ended.mask : m0;
  return [start(0, m0), candidate(0, 0, 0, 1, 100, 50), candidate(0, 1, 0, 2, 300, 70), ended, start(1, m1), candidate(1, 0, 0, 2, 80, 40)];
}

describe('branch points', () => {
  const events = twoRounds();
  it('branches a shown round with an end just before it, an open one where it stops', () => {
    expect(branchIndex(events, 0)).toBe(3);
    expect(branchIndex(events, 1)).toBe(6);
    expect(branchIndex(events, null)).toBe(6);
    expect(branchIndex(events.slice(0, 5), null)).toBe(5);
    expect(branchIndex([], null)).toBe(0);
  });

  it('writes overrides made in a round at its end, before any round from the start, and cannot say between rounds', () => {
    const o = (round: number, override: Override): SearchEvent => ({ type: 'override', round, override });
    expect(scheduledOf([o(0, pin(3, 4)), ...events.slice(0, 3), o(0, pin(1, 2))])).toEqual([pin(3, 4), { ...pin(1, 2), round: 0 }]);
    expect(scheduledOf([...events.slice(0, 4), o(1, pin(1, 2))])).toBeNull();
  });

  it('counts the candidates left: the open round’s rest, then one op fewer per edge', () => {
    expect(candidatesLeft([])).toBe(54);
    expect(candidatesLeft(events.slice(0, 3))).toBe(22 + 18 + 12);
    // After round 1 (edge 0 with three ops, the others four): 3 + 5 × 4 = 23 now, then 2 + 5 × 3, then 5 × 2.
    expect(candidatesLeft(events.slice(0, 4))).toBe(23 + 17 + 10);
  });
});

describe('the history as a tree', () => {
  const entry = (id: number, run: Run): HistoryEntry => ({ id, run, savedAt: '' });
  const parent = makeRun(0, PRESETS.quick, 'wasm', twoRounds(), { id: 'p' });
  const branchEvents = [...twoRounds().slice(0, 3), { type: 'override' as const, round: 0, override: pin(0, 1) }];
  const branch = makeRun(0, PRESETS.quick, 'wasm', branchEvents, { id: 'b', parent: { id: 'p', label: 'seed 0', events: 3, round: 0 } });
  const orphan = makeRun(1, PRESETS.quick, 'wasm', branchEvents, { id: 'o', parent: { id: 'gone', events: 3, round: 0 } });
  const old = { ...makeRun(2, PRESETS.quick, 'wasm', []), id: undefined };

  it('puts a branch under its parent with its round and override; others at the top', () => {
    const roots = runTree([entry(4, orphan), entry(3, branch), entry(2, parent), entry(1, old)]);
    expect(roots.map((n) => n.id)).toEqual(['o', 'p', runKey(old)]);
    const p = roots[1];
    expect(p.children.map((c) => c.id)).toEqual(['b']);
    expect(p.children[0].branch).toEqual({ round: 0, overrides: [pin(0, 1)], parentLabel: 'seed 0', parentKept: true });
    expect(roots[0].branch?.parentKept).toBe(false);
  });

  it('survives a loop of parents', () => {
    const a = makeRun(0, PRESETS.quick, 'wasm', [], { id: 'a', parent: { id: 'c', events: 0, round: 0 } });
    const c = makeRun(0, PRESETS.quick, 'wasm', [], { id: 'c', parent: { id: 'a', events: 0, round: 0 } });
    const roots = runTree([entry(1, a), entry(2, c)]);
    expect(roots.length + roots.flatMap((r) => r.children).length).toBe(2);
  });
});

describe('two runs side by side', () => {
  it('joins κ_N and R_N by round and finds the rounds where the pruning differs', () => {
    const a = twoRounds();
    const b = [...a.slice(0, 3), end(0, fullMask(), [{ edge: 0, op: 2 }])];
    expect(jointTrajectory(a, b)).toEqual([
      { round: 1, kappaA: 200, kappaB: 200, regionsA: 60, regionsB: 60 },
      { round: 2, kappaA: 80, regionsA: 40 },
    ]);
    expect(partings(a, b)).toEqual([{ round: 0, onlyA: [{ edge: 0, op: 1 }], onlyB: [{ edge: 0, op: 2 }] }]);
    expect(partings(a, a)).toEqual([]);
  });
});
