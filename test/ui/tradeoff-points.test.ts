// What the trade-off chart plots for a round, and for a round streaming in (src/ui/charts/tradeoff-points.ts).
import { describe, expect, it } from 'vitest';
import type { CandidateEvent, RoundEndEvent } from '../../src/engine/search/events';
import type { RoundView } from '../../src/store/run/rounds';
import { keepUnchanged, tradeoffPoints, undefinedKappa } from '../../src/ui/charts/tradeoff-points';

const mask = Array.from({ length: 6 }, () => [1, 1, 1, 1, 1]);

function candidate(round: number, edge: number, op: number, dk: number, dr: number, kappa = 500): CandidateEvent {
  const pair = (v: number) => ({ original: [v], pruned: [v] });
  return {
    type: 'candidate',
    round,
    index: 0,
    edge,
    op,
    kappa: pair(kappa),
    regions: pair(1000),
    deltaKappa: { perRepeat: [dk], mean: dk },
    deltaRegions: { perRepeat: [dr], mean: dr },
    ms: 1,
  };
}

function ranked(round: number, rows: [edge: number, op: number, rankSum: number, pruned: boolean][]): RoundEndEvent {
  return {
    type: 'round-end',
    round,
    ranked: rows.map(([edge, op, rankSum, pruned], order) => ({
      edge,
      op,
      deltaKappa: 0,
      deltaRegions: 0,
      kappaRank: 0,
      regionsRank: 0,
      rankSum,
      order,
      pruned,
    })),
    pruned: rows.filter((r) => r[3]).map(([edge, op]) => ({ edge, op })),
    mask,
  };
}

const refs = (...c: [number, number][]) => c.map(([edge, op]) => ({ edge, op }));

// Round 1: three candidates, edge 0 op 1 pruned; round 2 has the other two, one measured so far.
const r1: RoundView = {
  round: 0,
  mask,
  candidates: refs([0, 1], [0, 2], [1, 3]),
  measured: [candidate(0, 0, 1, 0.5, -0.1), candidate(0, 0, 2, -0.2, 0.3), candidate(0, 1, 3, 0.1, 0.05)],
  end: ranked(0, [
    [0, 1, 2, true],
    [0, 2, 4, false],
    [1, 3, 5, false],
  ]),
};
const r2: RoundView = { round: 1, mask, candidates: refs([0, 2], [1, 3]), measured: [candidate(1, 1, 3, 0.4, 0.2)], end: null };

describe('tradeoffPoints', () => {
  it('plots a ranked round with its rank sums and pruned marks', () => {
    const points = tradeoffPoints(r1, null);
    expect(points.map((p) => [p.key, p.x, p.y, p.pruned, p.rankSum, p.pending, p.leaving])).toEqual([
      ['0-1', 0.5, -0.1, true, 2, false, false],
      ['0-2', -0.2, 0.3, false, 4, false, false],
      ['1-3', 0.1, 0.05, false, 5, false, false],
    ]);
  });

  it("stands a streaming round's unmeasured candidates where the previous round put them, with the ones it pruned leaving", () => {
    const points = tradeoffPoints(r2, r1);
    expect(points.map((p) => [p.key, p.x, p.pending, p.leaving, p.pruned, p.round])).toEqual([
      ['0-1', 0.5, false, true, true, 0],
      ['0-2', -0.2, true, false, false, 0],
      ['1-3', 0.4, false, false, false, 1],
    ]);
    // Once every candidate is measured, only the round's own points are left.
    const done = { ...r2, measured: [...r2.measured, candidate(1, 0, 2, 0.0, 0.1)] };
    expect(tradeoffPoints(done, r1).map((p) => [p.key, p.pending, p.leaving])).toEqual([
      ['1-3', false, false],
      ['0-2', false, false],
    ]);
    // The first round has no round before it: nothing pending, nothing leaving.
    expect(tradeoffPoints({ ...r1, measured: r1.measured.slice(0, 1), end: null }, null).map((p) => p.key)).toEqual(['0-1']);
  });

  it('leaves out (and lists) candidates whose κ is undefined', () => {
    const bad = { ...r2, measured: [candidate(1, 1, 3, 0.4, 0.2, Number.NaN)] };
    expect(tradeoffPoints(bad, r1).map((p) => p.key)).toEqual(['0-1', '0-2']);
    expect(undefinedKappa(bad)).toEqual([{ label: expect.stringContaining('conv 3×3'), why: 'κ is NaN (mapped to 100000)' }]);
  });
});

describe('keepUnchanged', () => {
  it('keeps the objects of the points that did not change, so their drawings are not redone', () => {
    const before = tradeoffPoints(r2, r1);
    const again = keepUnchanged(before, tradeoffPoints(r2, r1));
    expect(again.every((p, i) => p === before[i])).toBe(true);
    const more = { ...r2, measured: [...r2.measured, candidate(1, 0, 2, 0.0, 0.1)] };
    const next = keepUnchanged(before, tradeoffPoints(more, r1));
    // 1-3 is unchanged; 0-2 is measured now (a new object); 0-1 has left.
    expect(next.map((p) => [p.key, before.includes(p)])).toEqual([
      ['1-3', true],
      ['0-2', false],
    ]);
  });
});
