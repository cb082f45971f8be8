// Where a candidate stands in a run: the worker's request for its pictures.
import { describe, expect, it } from 'vitest';
import type { SearchEvent } from '../../src/engine/search/events';
import { listCandidates } from '../../src/engine/search/ranking';
import { fullMask, withoutOp } from '../../src/engine/model/nb201/space';
import { PRESETS } from '../../src/engine/model/settings';
import { latestKey, pictureRequest } from '../../src/store/picture-place';

const start = (round: number, mask: number[][]): SearchEvent => ({ type: 'round-start', round, mask, candidates: listCandidates(mask) });
const cand = (round: number, index: number, edge: number, op: number): SearchEvent => ({
  type: 'candidate',
  round,
  index,
  edge,
  op,
  kappa: { original: [1], pruned: [1] },
  regions: { original: [1], pruned: [1] },
  deltaKappa: { perRepeat: [0], mean: 0 },
  deltaRegions: { perRepeat: [0], mean: 0 },
  ms: 1,
});

describe('pictureRequest', () => {
  const m0 = fullMask();
  const m1 = [0, 1, 2, 3, 4, 5].reduce((m, edge) => withoutOp(m, { edge, op: 1 }), m0);
  const events: SearchEvent[] = [
    start(0, m0),
    cand(0, 0, 0, 1),
    { type: 'round-end', round: 0, ranked: [], pruned: [], mask: m1 },
    start(1, m1),
    cand(1, 2, 0, 4),
  ];
  const run = { settings: PRESETS.quick, seed: 5, events };

  it('gives the round mask, the index and the candidates of earlier rounds', () => {
    const req = pictureRequest(run, { round: 1, edge: 0, op: 4 }, { count: 3, hash: 'ab' })!;
    expect(req.mask).toEqual(m1);
    expect(req.index).toBe(2);
    expect(req.before).toBe(24);
    expect(req.seed).toBe(5);
    expect(req.ownImages).toEqual({ count: 3, hash: 'ab' });
    expect(pictureRequest(run, { round: 0, edge: 0, op: 1 }, null)).toMatchObject({ before: 0, index: 0, mask: m0 });
  });

  it('is null for a candidate not measured, or without settings', () => {
    expect(pictureRequest(run, { round: 1, edge: 0, op: 2 }, null)).toBeNull();
    expect(pictureRequest({ ...run, settings: null }, { round: 0, edge: 0, op: 1 }, null)).toBeNull();
  });

  it('follows the last candidate measured', () => {
    expect(latestKey(null)).toBeNull();
    expect(latestKey({ round: 1, mask: m1, candidates: [], measured: [cand(1, 2, 0, 4) as never], end: null })).toEqual({
      round: 1,
      edge: 0,
      op: 4,
    });
  });
});
