// The page's DARTS branches as data: where a run branches (the edge-group step before it starts), its overrides as the
// URL writes them (cells named), what is left to compute, the round a branch measures for its parent, two runs' parting
// rounds and genotypes, and which ops "every alternative on one edge" may pin.
import { describe, expect, it } from 'vitest';
import { formatGenotype, type Genotype, genotypeFromMasks } from '../../../src/engine/model/darts/genotype';
import { fullDartsMask } from '../../../src/engine/model/darts/space';
import { listEdgeGroups } from '../../../src/engine/search/darts-group';
import { applyPruned, type DartsCandidate, type DartsMasks, listDartsCandidates } from '../../../src/engine/search/darts-round';
import type { Override, SearchEvent } from '../../../src/engine/search/events';
import { formatOverrideList, parseOverrideList } from '../../../src/engine/search/override-text';
import { steerAt } from '../../../src/engine/search/overrides';
import { Steering } from '../../../src/engine/search/steering';
import { alternativeOps } from '../../../src/store/steer/alternative-ops';
import { branchIndex, scheduledOf } from '../../../src/store/steer/branch-point';
import { compareGenotypes, genotypeMasks, sharedWith } from '../../../src/store/steer/darts-compare';
import { candidatesLeft } from '../../../src/store/run/remaining';
import { partings } from '../../../src/store/steer/run-diff';
import { withSharedRound } from '../../../src/store/steer/shared-round';
import { edgeName, overrideOf, refOfOverride } from '../../../src/store/steer/steer-space';

const FULL: DartsMasks = { normal: fullDartsMask(), reduce: fullDartsMask() };
const override = (round: number, o: Override): SearchEvent => ({ type: 'override', round, override: o });
const start = (round: number, m: DartsMasks, phase: 'prune' | 'group' = 'prune'): SearchEvent => ({
  type: 'round-start',
  round,
  mask: m.normal,
  maskReduce: m.reduce,
  phase,
  candidates: phase === 'group' ? listEdgeGroups(m).flatMap((g) => g.candidates) : listDartsCandidates(m),
});
const candidate = (round: number, index: number, c: DartsCandidate): SearchEvent => ({
  type: 'candidate',
  round,
  index,
  ...c,
  kappa: { original: [100 + index], pruned: [100] },
  regions: { original: [50], pruned: [50] },
  deltaKappa: { perRepeat: [0], mean: 0 },
  deltaRegions: { perRepeat: [0], mean: 0 },
  ms: 1,
});
const end = (round: number, m: DartsMasks, pruned: DartsCandidate[]): SearchEvent => {
  const next = applyPruned(m, pruned);
  return { type: 'round-end', round, ranked: [], pruned, mask: next.normal, maskReduce: next.reduce };
};
/** Every candidate of a round started on `m` (its start event's list). */
const all = (e: SearchEvent) => (e.type === 'round-start' ? e.candidates.map((c, i) => candidate(e.round, i, c as DartsCandidate)) : []);
/** The first `n` active ops of every edge of both cells. */
const firstOps = (m: DartsMasks, n: number) =>
  listDartsCandidates(m).filter((c, _, list) => list.filter((x) => x.cell === c.cell && x.edge === c.edge).indexOf(c) < n);

/** A whole made-up DARTS search: rounds 1 and 2 prune the first 3 ops of each edge, the group step keeps each node's first 2 edges. */
function search(): SearchEvent[] {
  const s0 = start(0, FULL);
  const p0 = firstOps(FULL, 3);
  const m1 = applyPruned(FULL, p0);
  const s1 = start(1, m1);
  const p1 = firstOps(m1, 3);
  const m2 = applyPruned(m1, p1);
  const s2 = start(2, m2, 'group');
  const p2 = listEdgeGroups(m2).flatMap((g) => g.candidates.slice(0, g.candidates.length - 2));
  const last = applyPruned(m2, p2);
  const g = genotypeFromMasks(last.normal, last.reduce);
  const opOf = (row: number[]) => Math.max(0, row.indexOf(1));
  return [
    s0,
    ...all(s0),
    end(0, FULL, p0),
    s1,
    ...all(s1),
    end(1, m1, p1),
    s2,
    ...all(s2),
    end(2, m2, p2),
    { type: 'result', ops: last.normal.map(opOf), opsReduce: last.reduce.map(opOf), arch: formatGenotype(g), rounds: 3 },
  ];
}

const events = search();
const at = (pred: (e: SearchEvent) => boolean, nth = 0) => events.map((e, i) => (pred(e) ? i : -1)).filter((i) => i >= 0)[nth];
const groupStart = at((e) => e.type === 'round-start' && e.phase === 'group');
const pinSep = overrideOf('pin', { cell: 0, edge: 6, op: 2 });

describe('DARTS branch points and the URL', () => {
  it('branches a pruning round just before its end, the edge-group step just before it starts', () => {
    expect(branchIndex(events, 0)).toBe(at((e) => e.type === 'round-end'));
    expect(branchIndex(events, 1)).toBe(at((e) => e.type === 'round-end', 1));
    expect(branchIndex(events, 2)).toBe(groupStart);
    expect(branchIndex(events.slice(0, 10), null)).toBe(10);
  });

  it('writes an override of an open round at its end and one before the group step at that step, cells named, and reads it back', () => {
    const inRound = [...events.slice(0, 10), override(0, pinSep)];
    expect(scheduledOf(inRound, 'darts')).toEqual([{ ...pinSep, round: 0 }]);
    const prune = overrideOf('prune', { cell: 1, edge: 9, op: 7 });
    const beforeGroup = [...events.slice(0, groupStart), override(2, prune)];
    const list = scheduledOf(beforeGroup, 'darts')!;
    expect(list).toEqual([{ ...prune, round: 2 }]);
    // NAS-Bench-201 has no step to apply it before: an override between rounds cannot be said there.
    expect(scheduledOf(beforeGroup)).toBeNull();
    const text = formatOverrideList([...scheduledOf(inRound, 'darts')!, ...list]);
    expect(text).toBe('pin:normal:2<-1:sep_conv_3x3@1,prune:reduce:3<-0:max_pool_3x3@3');
    expect(parseOverrideList(text, 'darts')).toEqual([
      { ...pinSep, round: 0 },
      { ...prune, round: 2 },
    ]);
    expect(() => new Steering([], parseOverrideList(text, 'darts'), 'darts')).not.toThrow();
  });

  it('names edges and ops as the overrides do, the cell as an index on the page', () => {
    expect(pinSep).toEqual({ kind: 'pin', edge: 6, op: 2, cell: 'normal' });
    expect(refOfOverride(pinSep)).toEqual({ edge: 6, op: 2, cell: 0 });
    expect(refOfOverride({ kind: 'pin', edge: 3, op: 1 })).toEqual({ edge: 3, op: 1 });
    expect(edgeName(6, 0)).toBe('normal:2<-1');
    expect(edgeName(6, 1)).toBe('reduce:2<-1');
    expect(edgeName(2)).toBe('2<-1');
  });
});

describe('what is left of a DARTS search', () => {
  it('counts the open round’s rest, the pruning rounds and the edge-group step', () => {
    expect(candidatesLeft([], 'darts')).toBe(196 + 112 + 24);
    expect(candidatesLeft(events.slice(0, 6), 'darts')).toBe(196 - 5 + 112 + 24);
    expect(candidatesLeft(events.slice(0, at((e) => e.type === 'round-end') + 1), 'darts')).toBe(112 + 24);
    expect(candidatesLeft(events.slice(0, groupStart), 'darts')).toBe(24);
    expect(candidatesLeft(events.slice(0, groupStart + 4), 'darts')).toBe(21);
    expect(candidatesLeft(events, 'darts')).toBe(0);
  });

  it('counts hand prunes beyond the prune number toward their edge', () => {
    // Four ops pruned by hand from normal 0<-0 in round 1: it keeps 3, so round 2 prunes 2 there and measures 3, not 4.
    const prunes = [1, 2, 3, 4].map((op) => override(0, overrideOf('prune', { cell: 0, edge: 0, op })));
    const steered = [events[0], ...prunes];
    expect(steerAt(steered, 'darts').steer.pending).toHaveLength(4);
    expect(candidatesLeft(steered, 'darts')).toBe(196 + 111 + 24);
  });
});

describe('a round a branch measures for its parent', () => {
  const k = 6;
  const parent = events.slice(0, k);
  const branch = [...parent, override(0, pinSep), ...events.slice(k, k + 20)];

  it('joins the branch’s candidates of the open round the parent has not measured, in index order', () => {
    const joined = withSharedRound(parent, branch);
    expect(joined).toEqual(events.slice(0, k + 20));
    expect(withSharedRound(parent, [])).toEqual(parent);
  });

  it('takes nothing between rounds, nor from a round started on other masks', () => {
    const between = events.slice(0, at((e) => e.type === 'round-end') + 1);
    expect(withSharedRound(between, events)).toEqual(between);
    const other = [start(0, applyPruned(FULL, [{ cell: 0, edge: 0, op: 1 }])), candidate(0, 5, { cell: 0, edge: 1, op: 1 })];
    expect(withSharedRound(parent, other)).toEqual(parent);
  });
});

describe('two DARTS runs side by side', () => {
  it('parts where the rounds pruned different ops, the same edge and op of the other cell being another op', () => {
    const a = [events[0], end(0, FULL, [{ cell: 0, edge: 0, op: 1 }])];
    const b = [events[0], end(0, FULL, [{ cell: 1, edge: 0, op: 1 }])];
    expect(partings(a, b)).toEqual([{ round: 0, onlyA: [{ cell: 0, edge: 0, op: 1 }], onlyB: [{ cell: 1, edge: 0, op: 1 }] }]);
    expect(partings(a, a)).toEqual([]);
  });

  it('compares the final genotypes: the edges both keep and, of those, the same ops', () => {
    const result = events.at(-1)!;
    if (result.type !== 'result') throw new Error('no result');
    const c = compareGenotypes(events, events);
    expect(c.shared).toMatchObject({ edges: 16, ops: 16 });
    // Another op on the first kept edge of the normal cell, and the reduction cell's node 5 from other inputs.
    const g = c.a!;
    const other: Genotype = {
      ...g,
      normal: g.normal.map((p, i) => (i === 0 ? ([p[0] === 'skip_connect' ? 'sep_conv_3x3' : 'skip_connect', p[1]] as const) : p)),
      reduce: [...g.reduce.slice(0, 6), ['max_pool_3x3', 3], ['max_pool_3x3', 4]],
    };
    const otherEvents = [...events.slice(0, -1), { ...result, arch: formatGenotype(other) }];
    const shared = compareGenotypes(events, otherEvents).shared!;
    const node5 = g.reduce.slice(6).filter(([, j]) => j === 3 || j === 4).length;
    expect(shared.normal).toEqual({ edges: 8, ops: 7 });
    expect(shared.reduce.edges).toBe(6 + node5);
    expect(sharedWith(formatGenotype(other), g)).toEqual(shared);
    expect(sharedWith('|skip_connect~0|+|none~0|skip_connect~1|+|none~0|none~1|none~2|', g)).toBeNull();
    expect(compareGenotypes(events.slice(0, 5), events)).toMatchObject({ a: null, shared: null });
    const [normal] = genotypeMasks(g);
    expect(normal.filter((row) => row.some((v) => v === 1))).toHaveLength(8);
  });
});

describe('every alternative on one DARTS edge', () => {
  const open = steerAt(events.slice(0, 6), 'darts');

  it('tries the ops left on the edge of its cell', () => {
    expect(alternativeOps(open, 'darts', 2, 1)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const pruned = steerAt([...events.slice(0, 6), override(0, overrideOf('prune', { cell: 1, edge: 2, op: 3 }))], 'darts');
    expect(alternativeOps(pruned, 'darts', 2, 1)).toEqual([1, 2, 4, 5, 6, 7]);
    expect(alternativeOps(pruned, 'darts', 2, 0)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('says why not: a pin on the edge, one op left, a node with its two pinned edges', () => {
    const pinned = steerAt([...events.slice(0, 6), override(0, pinSep)], 'darts');
    expect(alternativeOps(pinned, 'darts', 6, 0)).toBe('Edge normal:2<-1 already has a pinned op.');
    expect(alternativeOps(steerAt(events.slice(0, groupStart), 'darts'), 'darts', 6, 0)).toBe(
      'Only one op is left on edge normal:2<-1: there is no alternative.',
    );
    // Node 3 of the normal cell (edges 1<-0, 1<-1, 1<-2) with two pinned edges: the third cannot be pinned.
    const two = [overrideOf('pin', { cell: 0, edge: 2, op: 1 }), overrideOf('pin', { cell: 0, edge: 3, op: 1 })];
    const full = steerAt([...events.slice(0, 6), ...two.map((o) => override(0, o))], 'darts');
    expect(alternativeOps(full, 'darts', 4, 0)).toMatch(
      /^Cannot pin skip_connect on edge normal:1<-2: state 3 of the normal cell .* already has 2 pinned incoming edges/,
    );
    expect(alternativeOps(full, 'darts', 4, 1)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
