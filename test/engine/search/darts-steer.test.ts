/**
 * Steering by hand in the DARTS space, as pure functions: the steered pruning
 * walk (a pinned op is never pruned, a hand prune counts toward its edge's
 * prune number, no edge is left empty), the prune number on uneven masks, the
 * steered edge-group step (pinned edges kept, 2 edges per node), every
 * refusal reason with its message, the replay of DARTS override events, and
 * the text form `CELL:EDGE:OP[@ROUND]`.
 */
import { describe, expect, it } from 'vitest';
import { edgeLabel, fullDartsMask, OPS } from '../../../src/engine/model/darts/space';
import { stream } from '../../../src/engine/model/random';
import { inGroupStep } from '../../../src/engine/search/darts-overrides';
import { decideGroup, listEdgeGroups } from '../../../src/engine/search/darts-group';
import {
  applyPruned,
  DARTS_PRUNE_NUMBER,
  type DartsCandidate,
  type DartsCandidateScore,
  type DartsMasks,
  decideDartsRound,
  effectivePruneNumber,
  listDartsCandidates,
} from '../../../src/engine/search/darts-round';
import { decideSteeredGroup, decideSteeredRound, pruneNumberFor, pruningRoundsLeft } from '../../../src/engine/search/darts-steer';
import type { Override, SearchEvent } from '../../../src/engine/search/events';
import { formatOverrideList, parseOverrideList, parseOverrideTarget } from '../../../src/engine/search/override-text';
import {
  applyOverride,
  checkOverride,
  DARTS_REFUSAL_REASONS,
  OverrideRefused,
  type RefusalReason,
  type SteerPoint,
  startPoint,
  steerAt,
} from '../../../src/engine/search/overrides';
import { checkRunEvents } from '../../../src/engine/search/run-file';
import { Steering } from '../../../src/engine/search/steering';

const full = (): DartsMasks => ({ normal: fullDartsMask(), reduce: fullDartsMask() });
const E = (label: string) => Array.from({ length: 14 }, (_, e) => edgeLabel(e)).indexOf(label);
const O = (name: string) => (OPS as readonly string[]).indexOf(name);
const made = (seed: number) => {
  const rng = stream({ seed, purpose: 'sample' });
  return (c: DartsCandidate): DartsCandidateScore => ({ ...c, deltaKappa: rng.uniform(), deltaRegions: rng.uniform() });
};
const onEdge = (list: readonly DartsCandidate[], cell: 0 | 1, edge: number) => list.filter((c) => c.cell === cell && c.edge === edge);
/** Masks with one op per edge (the first active op of `m`): the edge-group step's start. */
const singlePath = (m: DartsMasks): DartsMasks => {
  const one = (mask: number[][]) => mask.map((row) => row.map((v, op) => (op === row.indexOf(1) ? v : 0)));
  return { normal: one(m.normal), reduce: one(m.reduce) };
};
const point = (m: DartsMasks, extra: Partial<SteerPoint> = {}): SteerPoint => ({
  ...startPoint('darts'),
  mask: m.normal,
  maskReduce: m.reduce,
  ...extra,
});
const o = (kind: Override['kind'], cell: string | undefined, edge: number, op: number): Override => ({
  kind,
  edge,
  op,
  ...(cell !== undefined && { cell }),
});

describe('steered DARTS pruning round', () => {
  const m = full();
  const scores = listDartsCandidates(m).map(made(11));
  const plain = decideDartsRound(scores, effectivePruneNumber(m, DARTS_PRUNE_NUMBER));

  it('without steering is the official decision', () => {
    expect(decideSteeredRound(scores, m, pruneNumberFor(m, DARTS_PRUNE_NUMBER), { pins: [], pending: [] })).toEqual(plain);
  });

  it('never prunes a pinned op: it is ranked, marked, and its edge still loses P others', () => {
    const target = plain.pruned.find((c) => c.cell === 0 && c.edge === E('3<-2'))!;
    const steered = decideSteeredRound(scores, m, 3, { pins: [target], pending: [] });
    expect(steered.pruned).not.toContainEqual(target);
    expect(steered.ranked.find((r) => r.cell === 0 && r.edge === target.edge && r.op === target.op)).toMatchObject({
      pruned: false,
      override: 'pin',
    });
    expect(onEdge(steered.pruned, 0, target.edge)).toHaveLength(3);
    // The walk takes the next op on that edge instead; every other edge is decided as officially.
    const others = (l: DartsCandidate[]) => l.filter((c) => !(c.cell === 0 && c.edge === target.edge));
    expect(others(steered.pruned)).toEqual(others(plain.pruned));
  });

  it('counts a hand prune toward its edge’s prune number: the walk prunes P − 1 more there', () => {
    const edge = E('2<-3');
    const kept = listDartsCandidates(m).filter(
      (c) => c.cell === 1 && c.edge === edge && !plain.pruned.some((p) => p.cell === 1 && p.edge === edge && p.op === c.op),
    );
    const x = kept[0];
    const steered = decideSteeredRound(scores, m, 3, { pins: [], pending: [x] });
    const here = onEdge(steered.pruned, 1, edge);
    expect(here).toHaveLength(3);
    expect(here).toContainEqual(x);
    // The two the walk prunes are the first two it met there unsteered.
    expect(here.filter((c) => c.op !== x.op)).toEqual(onEdge(plain.pruned, 1, edge).slice(0, 2));
    expect(steered.ranked.find((r) => r.cell === 1 && r.edge === edge && r.op === x.op)).toMatchObject({ pruned: true, override: 'prune' });
  });

  it('on uneven masks takes P from the fullest edge and never empties an edge', () => {
    // After round 1 (4 ops per edge), hand prunes left normal 0<-0 with one op and reduce 1<-2 with three.
    const after1 = applyPruned(full(), decideDartsRound(scores, 3).pruned);
    const uneven: DartsMasks = { normal: after1.normal.map((r) => r.slice()), reduce: after1.reduce.map((r) => r.slice()) };
    const n0 = uneven.normal[0].indexOf(1);
    uneven.normal[0] = uneven.normal[0].map((_, op) => (op === n0 ? 1 : 0));
    uneven.reduce[E('1<-2')][uneven.reduce[E('1<-2')].indexOf(1)] = 0;
    // The official rule reads normal edge 0 only: P = 0, a search that never ends.
    expect(effectivePruneNumber(uneven, 3)).toBe(0);
    expect(pruneNumberFor(uneven, 3)).toBe(3);
    expect(pruneNumberFor(after1, 3)).toBe(effectivePruneNumber(after1, 3));
    expect(pruningRoundsLeft(uneven, 3)).toBe(1);
    expect(pruningRoundsLeft(full(), 3)).toBe(2);
    const cands = listDartsCandidates(uneven);
    const d = decideSteeredRound(cands.map(made(12)), uneven, pruneNumberFor(uneven, 3), { pins: [], pending: [] });
    const next = applyPruned(uneven, d.pruned);
    for (const row of [...next.normal, ...next.reduce]) expect(row.filter((v) => v === 1)).toHaveLength(1);
  });
});

describe('steered edge-group step', () => {
  const m = singlePath(full());
  const groups = listEdgeGroups(m);
  const last = groups.find((g) => g.cell === 0 && g.group === 3)!;
  const scores = last.candidates.map(made(13));
  const plain = decideGroup(scores);
  const keptPlain = plain.ranked.filter((r) => !r.pruned);

  it('without steering is the official decision', () => {
    expect(decideSteeredGroup(scores, { pins: [], pending: [] })).toEqual(plain);
  });

  it('keeps a pinned edge and the best other; two pinned edges and none other', () => {
    const pinned = plain.pruned[0];
    const one = decideSteeredGroup(scores, { pins: [pinned], pending: [] });
    const kept = one.ranked.filter((r) => !r.pruned);
    expect(kept).toHaveLength(2);
    expect(kept.find((r) => r.edge === pinned.edge)).toMatchObject({ override: 'pin' });
    // The other kept edge is the last of the others in the rank-sum order.
    expect(kept.find((r) => r.edge !== pinned.edge)?.edge).toBe(plain.ranked.filter((r) => r.edge !== pinned.edge).at(-1)?.edge);
    const two = decideSteeredGroup(scores, { pins: plain.pruned.slice(0, 2), pending: [] });
    expect(
      two.ranked
        .filter((r) => !r.pruned)
        .map((r) => r.edge)
        .sort(),
    ).toEqual(
      plain.pruned
        .slice(0, 2)
        .map((c) => c.edge)
        .sort(),
    );
  });

  it('removes an edge pruned by hand and keeps 2 of the rest', () => {
    const x = keptPlain[0];
    const d = decideSteeredGroup(scores, { pins: [], pending: [x] });
    expect(d.pruned).toContainEqual({ cell: x.cell, edge: x.edge, op: x.op });
    expect(d.ranked.filter((r) => !r.pruned)).toHaveLength(2);
    expect(d.ranked.find((r) => r.edge === x.edge)).toMatchObject({ pruned: true, override: 'prune' });
  });
});

describe('DARTS override rules', () => {
  const start = startPoint('darts');
  const open: SteerPoint = { ...start, roundOpen: true };
  const group = point(singlePath(full()));
  const twoPins = {
    pins: [
      { cell: 0 as const, edge: E('3<-0'), op: 2 },
      { cell: 0 as const, edge: E('3<-4'), op: 5 },
    ],
    pending: [],
  };
  const lastOp = full();
  lastOp.reduce[E('1<-1')] = [0, 0, 0, 0, 0, 0, 1, 0];
  const cases: [RefusalReason, SteerPoint, Override, RegExp][] = [
    ['unknown-edge', start, o('pin', undefined, 0, 1), /names its cell \(write it as normal:2<-1/],
    ['unknown-edge', start, o('pin', 'middle', 0, 1), /no cell "middle" \(cells: normal, reduce\)/],
    ['unknown-edge', start, o('pin', 'normal', 14, 1), /no such edge \(edges: 0<-0, 0<-1, 1<-0/],
    ['unknown-op', start, o('prune', 'reduce', 0, 8), /no such op \(ops: skip_connect, /],
    ['finished', { ...start, finished: true }, o('pin', 'normal', 0, 1), /the search has ended/],
    ['inactive', start, o('pin', 'normal', 0, 0), /'none' is never among the ops searched/],
    ['inactive', point(lastOp), o('prune', 'reduce', E('1<-1'), 2), /already pruned from edge reduce:1<-1/],
    ['empty-edge', point(lastOp), o('prune', 'reduce', E('1<-1'), 6), /last op on edge reduce:1<-1, which would be left empty/],
    [
      'second-pin',
      { ...start, steer: twoPins },
      o('pin', 'normal', E('3<-0'), 3),
      /edge normal:3<-0 already has a pinned op \(sep_conv_3x3\)/,
    ],
    ['contradicts', { ...start, steer: twoPins }, o('prune', 'normal', E('3<-4'), 5), /it is pinned/],
    [
      'contradicts',
      { ...open, steer: { pins: [], pending: [{ cell: 1, edge: 4, op: 2 }] } },
      o('pin', 'reduce', 4, 2),
      /already pruned by hand in round 1/,
    ],
    [
      'group-full',
      { ...start, steer: twoPins },
      o('pin', 'normal', E('3<-2'), 1),
      /state 5 of the normal cell \(incoming edges 3<-0, 3<-1, 3<-2, 3<-3, 3<-4\) already has 2 pinned incoming edges \(3<-0, 3<-4\)/,
    ],
    [
      'too-few-edges',
      group,
      o('prune', 'normal', E('0<-1'), 1),
      /removes edge normal:0<-1, and state 2 of the normal cell .* left with 1 incoming edge;/,
    ],
  ];

  it.each(cases)('refuses with reason %s, naming it', (reason, p, ov, message) => {
    const r = checkOverride(p, ov);
    expect(r?.reason).toBe(reason);
    expect(r?.message).toMatch(/^cannot (pin|prune) /);
    expect(r?.message).toMatch(message);
  });

  it('has a refusal case for every reason (past-round with the Steering below)', () => {
    const covered = new Set<string>([...cases.map((c) => c[0]), 'past-round']);
    expect([...covered].sort()).toEqual([...DARTS_REFUSAL_REASONS].sort());
  });

  it('refuses a schedule past the round or the search, and one inside a started edge-group step', () => {
    const pin = o('pin', 'normal', 0, 1);
    expect(() => new Steering([], [{ ...pin, round: 2 }], 'darts')).not.toThrow();
    expect(() => new Steering([], [{ ...pin, round: 3 }], 'darts')).toThrow(/the search ends with round 3/);
    const groupStart: SearchEvent = {
      type: 'round-start',
      round: 2,
      mask: group.mask,
      maskReduce: group.maskReduce,
      phase: 'group',
      candidates: [],
    };
    const at = (events: SearchEvent[], ov: Override & { round: number }) => {
      try {
        new Steering(events, [ov], 'darts');
      } catch (err) {
        return (err as OverrideRefused).refusal;
      }
      return null;
    };
    const r = at([groupStart], { ...pin, round: 2 });
    expect(r?.reason).toBe('past-round');
    expect(r?.message).toMatch(/round 3 \(the edge-group step\) has already started/);
  });

  it('accepts what the rules allow; a prune before the edge-group step removes the edge at once', () => {
    expect(checkOverride(start, o('pin', 'reduce', E('3<-4'), 7))).toBeNull();
    expect(checkOverride(start, o('prune', 'reduce', E('3<-4'), 7))).toBeNull();
    expect(checkOverride({ ...start, steer: twoPins }, o('pin', 'reduce', E('3<-2'), 1))).toBeNull();
    expect(inGroupStep(group)).toBe(true);
    expect(inGroupStep(start)).toBe(false);
    const edge = E('3<-2');
    const op = group.mask[edge].indexOf(1);
    const after = applyOverride(group, o('prune', 'normal', edge, op));
    expect(after.mask[edge].every((v) => v === 0)).toBe(true);
    expect(after.maskReduce).toEqual(group.maskReduce);
    // State 5 has 5 incoming edges: three may go, not a fourth.
    let p = after;
    for (const e of [E('3<-0'), E('3<-1')]) p = applyOverride(p, o('prune', 'normal', e, p.mask[e].indexOf(1)));
    expect(checkOverride(p, o('prune', 'normal', E('3<-3'), p.mask[E('3<-3')].indexOf(1)))?.reason).toBe('too-few-edges');
    // While the step is open the prune waits for its end (the edge stays in the mask).
    const pending = applyOverride({ ...group, roundOpen: true }, o('prune', 'reduce', edge, op));
    expect(pending.maskReduce).toEqual(group.maskReduce);
    expect(pending.steer.pending).toEqual([{ cell: 1, edge, op }]);
  });

  it('replays DARTS override events, and a run file names a bad one', () => {
    const m = full();
    m.reduce[E('2<-1')][O('avg_pool_3x3')] = 0;
    const start0: SearchEvent = {
      type: 'round-start',
      round: 0,
      mask: m.normal,
      maskReduce: m.reduce,
      phase: 'prune',
      candidates: listDartsCandidates(m),
    };
    const events: SearchEvent[] = [
      { type: 'override', round: 0, override: o('prune', 'reduce', E('2<-1'), O('avg_pool_3x3')) },
      start0,
      { type: 'override', round: 0, override: o('pin', 'normal', E('2<-1'), O('avg_pool_3x3')) },
    ];
    const p = steerAt(events, 'darts');
    expect(p.maskReduce?.[E('2<-1')][O('avg_pool_3x3')]).toBe(0);
    expect(p.mask[E('2<-1')][O('avg_pool_3x3')]).toBe(1);
    expect(p.steer.pins).toEqual([{ cell: 0, edge: E('2<-1'), op: O('avg_pool_3x3') }]);
    expect(() => checkRunEvents(events, 'darts')).not.toThrow();
    expect(() =>
      checkRunEvents([...events, { type: 'override', round: 0, override: o('prune', 'reduce', E('2<-1'), O('avg_pool_3x3')) }], 'darts'),
    ).toThrow(/events\.3 \(override\): cannot prune avg_pool_3x3 on edge reduce:2<-1: it was already pruned from edge reduce:2<-1/);
    expect(() => checkRunEvents([{ type: 'override', round: 0, override: o('pin', undefined, 0, 1) }], 'darts')).toThrow(/names its cell/);
    expect(() => steerAt([events[0]])).toThrow(OverrideRefused);
  });
});

describe('DARTS overrides as text', () => {
  it('reads CELL:EDGE:OP[@ROUND] and lists, and writes them back', () => {
    const t = parseOverrideTarget('pin', 'normal:2<-1:sep_conv_3x3', '--pin', 'darts');
    expect(t).toEqual({ kind: 'pin', cell: 'normal', edge: E('2<-1'), op: O('sep_conv_3x3') });
    expect(parseOverrideTarget('prune', ' reduce:0<-0:max_pool_3x3@2 ', '--prune', 'darts')).toEqual({
      kind: 'prune',
      cell: 'reduce',
      edge: 0,
      op: O('max_pool_3x3'),
      round: 1,
    });
    const list = 'pin:normal:3<-4:dil_conv_5x5,prune:reduce:1<-2:skip_connect@3';
    expect(formatOverrideList(parseOverrideList(list, 'darts'))).toBe(list);
  });

  it('says in one line what is wrong', () => {
    const parse = (text: string) => () => parseOverrideTarget('pin', text, '--pin', 'darts');
    expect(parse('2<-1:sep_conv_3x3')).toThrow(
      /^--pin "2<-1:sep_conv_3x3": the DARTS space has two cells, so an edge names its cell \(write it as normal:2<-1 or reduce:2<-1\)$/,
    );
    expect(parse('normal:2<-1')).toThrow(/^--pin "normal:2<-1": expected CELL:EDGE:OP, e\.g\. normal:2<-1:sep_conv_3x3$/);
    expect(parse('sep_conv_3x3')).toThrow(/expected CELL:EDGE:OP, e\.g\. normal:2<-1:sep_conv_3x3/);
    expect(parse('middle:2<-1:sep_conv_3x3')).toThrow(/unknown cell "middle" \(cells: normal, reduce\)/);
    expect(parse('normal:4<-0:sep_conv_3x3')).toThrow(/unknown edge "4<-0" \(edges: 0<-0, 0<-1, 1<-0/);
    expect(parse('normal:2<-1:nor_conv_3x3')).toThrow(/unknown op "nor_conv_3x3" \(ops: skip_connect, sep_conv_3x3/);
    expect(parse('normal:2<-1:sep_conv_3x3@0')).toThrow(/integer 1\.\.99/);
    // NAS-Bench-201 still refuses a cell.
    expect(() => parseOverrideTarget('pin', 'normal:3<-0:skip_connect')).toThrow(/one cell/);
  });
});
