// Where a candidate stands in a run: the worker's request for its pictures.
import { describe, expect, it } from 'vitest';
import type { SearchEvent } from '../../../src/engine/search/events';
import { listCandidates } from '../../../src/engine/search/ranking';
import { fullDartsMask } from '../../../src/engine/model/darts/space';
import { fullMask, withoutOp } from '../../../src/engine/model/nb201/space';
import { PRESETS } from '../../../src/engine/model/settings';
import { keyText, latestKey, parseKey, pictureRequest } from '../../../src/store/pictures/picture-place';

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

describe('pictureRequest in the DARTS space', () => {
  const full = fullDartsMask();
  const ref = (cell: 0 | 1, edge: number, op: number) => ({ cell, edge, op });
  const dcand = (index: number, cell: 0 | 1, edge: number, op: number): SearchEvent =>
    ({ ...(cand(0, index, edge, op) as object), cell }) as SearchEvent;
  const events: SearchEvent[] = [
    { type: 'round-start', round: 0, mask: full, maskReduce: full, phase: 'prune', candidates: [ref(0, 0, 1), ref(1, 0, 1)] },
    dcand(0, 0, 0, 1),
    dcand(98, 1, 0, 1),
  ];
  const run = { settings: PRESETS['darts-quick'], seed: 2, events };

  it('tells the two cells apart (the same edge and op in each) and carries both masks', () => {
    const req = pictureRequest(run, { round: 0, edge: 0, op: 1, cell: 1 }, null)!;
    expect(req).toMatchObject({ index: 98, cell: 1, before: 0, mask: full, maskReduce: full });
    expect(req.measuredOn).toBeUndefined();
    expect(pictureRequest(run, { round: 0, edge: 0, op: 1, cell: 0 }, null)).toMatchObject({ index: 0, cell: 0 });
    expect(pictureRequest(run, { round: 0, edge: 0, op: 2, cell: 0 }, null)).toBeNull();
  });

  it('writes a key with its cell and reads it back', () => {
    const key = { round: 2, edge: 13, op: 7, cell: 1 };
    expect(keyText(key)).toBe('2:13:7:1');
    expect(parseKey(keyText(key))).toEqual(key);
    expect(parseKey(keyText({ round: 0, edge: 5, op: 4 }))).toStrictEqual({ round: 0, edge: 5, op: 4 });
  });
});
