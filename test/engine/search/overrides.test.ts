/**
 * Steering the search by hand: the rules of an override (every refusal names
 * its reason), the steered pruning walk, the text form, and branches of a
 * reduced quick search (batch 4, 200 crops) on wasm — a branch continues with
 * the same streams as a search started from the overridden mask, a pinned op
 * is never pruned, a hand-pruned op is gone from the next candidate list, and
 * no tensor is left behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Override, RoundEndEvent, SearchEvent } from '../../../src/engine/search/events';
import {
  checkOverride,
  OverrideRefused,
  REFUSAL_REASONS,
  type RefusalReason,
  START,
  type SteerPoint,
  steerAt,
  steerRanking,
} from '../../../src/engine/search/overrides';
import { formatOverrideList, parseOverrideList, parseOverrideTarget } from '../../../src/engine/search/override-text';
import { rankCandidates } from '../../../src/engine/search/ranking';
import { search } from '../../../src/engine/search/search';
import type { ScheduledOverride } from '../../../src/engine/search/steering';
import { PRESETS, type Settings } from '../../../src/engine/model/settings';
import { withoutOp } from '../../../src/engine/model/nb201/space';
import { backend, cifarData } from '../../helpers/engine';

const tiny: Settings = { ...PRESETS.quick, batchSize: 4, regionBatchSize: 200 };
const SEED = 3;

async function collect(opts: { resume?: SearchEvent[]; overrides?: ScheduledOverride[] } = {}): Promise<SearchEvent[]> {
  const out: SearchEvent[] = [];
  for await (const e of search(await cifarData(), tiny, SEED, opts)) out.push(e);
  return out;
}

const strip = (events: readonly SearchEvent[]) => events.map((e) => (e.type === 'candidate' ? { ...e, ms: 0 } : e));
const roundEnd = (events: readonly SearchEvent[], round: number) =>
  events.find((e): e is RoundEndEvent => e.type === 'round-end' && e.round === round)!;
const pin = (edge: number, op: number): Override => ({ kind: 'pin', edge, op });
const prune = (edge: number, op: number): Override => ({ kind: 'prune', edge, op });

describe('override rules', () => {
  const open: SteerPoint = { ...START, roundOpen: true };
  const cases: [RefusalReason, SteerPoint, Override | ScheduledOverride][] = [
    ['unknown-edge', START, pin(6, 1)],
    ['unknown-edge', START, { ...pin(0, 1), cell: 'normal' }],
    ['unknown-op', START, prune(0, 5)],
    ['finished', { ...START, finished: true }, pin(0, 1)],
    ['inactive', START, pin(0, 0)],
    ['inactive', { ...START, mask: withoutOp(START.mask, { edge: 2, op: 3 }) }, prune(2, 3)],
    ['empty-edge', { ...START, mask: [[0, 0, 1, 0, 0], ...START.mask.slice(1)] }, prune(0, 2)],
    [
      'empty-edge',
      { ...open, mask: [[0, 1, 1, 0, 0], ...START.mask.slice(1)], steer: { pins: [], pending: [{ edge: 0, op: 1 }] } },
      prune(0, 2),
    ],
    ['second-pin', { ...START, steer: { pins: [{ edge: 4, op: 2 }], pending: [] } }, pin(4, 3)],
    ['second-pin', { ...START, steer: { pins: [{ edge: 4, op: 2 }], pending: [] } }, pin(4, 2)],
    ['contradicts', { ...START, steer: { pins: [{ edge: 4, op: 2 }], pending: [] } }, prune(4, 2)],
    ['contradicts', { ...open, steer: { pins: [], pending: [{ edge: 1, op: 4 }] } }, pin(1, 4)],
    ['contradicts', { ...open, steer: { pins: [], pending: [{ edge: 1, op: 4 }] } }, prune(1, 4)],
  ];

  it.each(cases)('refuses with reason %s, naming it', (reason, point, o) => {
    const r = checkOverride(point, o);
    expect(r?.reason).toBe(reason);
    expect(r?.message).toMatch(/^cannot (pin|prune) /);
    expect(r?.message.length).toBeGreaterThan(30);
  });

  it('has a refusal case for every reason (past-round below, with the search)', () => {
    const covered = new Set<string>([...cases.map((c) => c[0]), 'past-round']);
    expect([...covered].sort()).toEqual([...REFUSAL_REASONS].sort());
  });

  it('accepts what the rules allow: a pin, a prune leaving ops, a pin beside a hand prune', () => {
    expect(checkOverride(START, pin(3, 4))).toBeNull();
    expect(checkOverride(START, prune(3, 4))).toBeNull();
    expect(checkOverride({ ...open, steer: { pins: [], pending: [{ edge: 1, op: 4 }] } }, pin(1, 3))).toBeNull();
  });

  it('replays override events and refuses a bad one with its reason', () => {
    const events: SearchEvent[] = [
      { type: 'override', round: 0, override: prune(0, 1) },
      { type: 'override', round: 0, override: pin(0, 2) },
    ];
    const p = steerAt(events);
    expect(p.mask[0]).toEqual([0, 0, 1, 1, 1]);
    expect(p.steer.pins).toEqual([{ edge: 0, op: 2 }]);
    expect(() => steerAt([...events, { type: 'override', round: 0, override: prune(0, 2) }])).toThrow(/is pinned/);
  });

  it('walks the ranking past pinned ops and takes a hand prune as its edge’s prune', () => {
    const scores = [
      { edge: 0, op: 1, deltaKappa: 0.3, deltaRegions: 0 },
      { edge: 0, op: 2, deltaKappa: 0.2, deltaRegions: 0.1 },
      { edge: 0, op: 3, deltaKappa: 0.1, deltaRegions: 0.2 },
      { edge: 1, op: 1, deltaKappa: 0.25, deltaRegions: 0.05 },
      { edge: 1, op: 2, deltaKappa: 0.05, deltaRegions: 0.3 },
    ];
    const plain = rankCandidates(scores);
    expect(plain.pruned).toEqual([
      { edge: 0, op: 1 },
      { edge: 1, op: 1 },
    ]);
    expect(steerRanking(plain, { pins: [], pending: [] })).toBe(plain);
    const steered = steerRanking(plain, { pins: [{ edge: 0, op: 1 }], pending: [{ edge: 1, op: 2 }] });
    expect(steered.pruned).toEqual([
      { edge: 0, op: 2 },
      { edge: 1, op: 2 },
    ]);
    expect(steered.ranked.find((k) => k.edge === 0 && k.op === 1)).toMatchObject({ pruned: false, override: 'pin' });
    expect(steered.ranked.find((k) => k.edge === 1 && k.op === 2)).toMatchObject({ pruned: true, override: 'prune' });
    expect(steered.ranked.find((k) => k.edge === 1 && k.op === 1)).toMatchObject({ pruned: false });
  });
});

describe('overrides as text', () => {
  it('reads EDGE:OP[@ROUND] and lists, and writes them back', () => {
    expect(parseOverrideTarget('pin', '3<-0:avg_pool_3x3')).toEqual({ kind: 'pin', edge: 3, op: 4 });
    expect(parseOverrideTarget('prune', ' 1<-0:nor_conv_1x1@2 ')).toEqual({ kind: 'prune', edge: 0, op: 2, round: 1 });
    const list = 'pin:3<-0:avg_pool_3x3,prune:2<-1:skip_connect@3';
    expect(formatOverrideList(parseOverrideList(list))).toBe(list);
    expect(parseOverrideList('')).toEqual([]);
  });

  it('says in one line what is wrong', () => {
    expect(() => parseOverrideTarget('pin', '3<-0')).toThrow(/--pin "3<-0": expected EDGE:OP/);
    expect(() => parseOverrideTarget('pin', '4<-0:avg_pool_3x3')).toThrow(/unknown edge "4<-0" \(edges: 1<-0, 2<-0/);
    expect(() => parseOverrideTarget('prune', '3<-0:conv')).toThrow(/--prune "3<-0:conv": unknown op "conv"/);
    expect(() => parseOverrideTarget('pin', 'normal:3<-0:skip_connect')).toThrow(/one cell/);
    expect(() => parseOverrideTarget('pin', '3<-0:skip_connect@0')).toThrow(/integer 1\.\.99/);
    expect(() => parseOverrideList('keep:3<-0:skip_connect')).toThrow(/expected pin:EDGE:OP/);
  });
});

describe('branches of a reduced quick search on wasm', () => {
  let full: SearchEvent[];
  beforeAll(async () => {
    await backend('wasm');
    full = await collect();
  }, 600_000);

  it('continues, after an override at round r, exactly as a search started from the overridden mask', async () => {
    const cut = full.findIndex((e) => e.type === 'round-end' && e.round === 0);
    const end0 = roundEnd(full, 0);
    // Prune by hand, at round 1's end before its pruning, an op of edge 2<-1 the walk keeps.
    const walkOp = end0.pruned.find((p) => p.edge === 2)!.op;
    const x = [1, 2, 3, 4].find((op) => op !== walkOp)!;
    const before = tf.memory().numTensors;
    const branch = await collect({ resume: full.slice(0, cut), overrides: [prune(2, x)] });
    expect(tf.memory().numTensors).toBe(before);
    expect(branch[0]).toEqual({ type: 'override', round: 0, override: prune(2, x) });
    const bEnd0 = roundEnd(branch, 0);
    const overridden = end0.mask.map((row, e) => (e === 2 ? row.map((v, op) => (op === walkOp ? 1 : op === x ? 0 : v)) : row));
    expect(bEnd0.mask).toEqual(overridden);
    expect(bEnd0.ranked.find((k) => k.edge === 2 && k.op === x)).toMatchObject({ pruned: true, override: 'prune' });
    // The reference: the same search resumed from round 1's end with the overridden mask.
    const reference = await collect({ resume: [...full.slice(0, cut), { ...end0, mask: bEnd0.mask }] });
    const after = branch.slice(branch.indexOf(bEnd0) + 1);
    expect(strip(after)).toEqual(strip(reference));
    expect(after[0]).toMatchObject({ type: 'round-start', round: 1, mask: bEnd0.mask });
    // The same branch through the page's path: the override event in the resumed events.
    const viaEvents = await collect({ resume: [...full.slice(0, cut), branch[0]] });
    expect(strip(viaEvents)).toEqual(strip(branch.slice(1)));
  }, 600_000);

  it('never prunes a pinned op; it is still measured and ranked', async () => {
    const target = roundEnd(full, 1).pruned[0];
    const steered = await collect({ overrides: [pin(target.edge, target.op)] });
    expect(steered[0]).toEqual({ type: 'override', round: 0, override: pin(target.edge, target.op) });
    const ends = steered.filter((e): e is RoundEndEvent => e.type === 'round-end');
    expect(ends).toHaveLength(3);
    for (const e of ends) expect(e.pruned).not.toContainEqual(target);
    expect(ends[1].ranked.find((k) => k.edge === target.edge && k.op === target.op)).toMatchObject({ pruned: false, override: 'pin' });
    // Round 1 is measured exactly as unsteered (a pin changes the walk, not the measurements).
    const round0 = (events: SearchEvent[]) => strip(events.filter((e) => e.type === 'candidate' && e.round === 0));
    expect(round0(steered)).toEqual(round0(full));
    const result = steered.at(-1)!;
    expect(result.type === 'result' && result.ops[target.edge]).toBe(target.op);
  }, 600_000);

  it('drops a hand-pruned op from the next candidate list, mid-round or scheduled', async () => {
    const start1 = full.findIndex((e) => e.type === 'round-start' && e.round === 1);
    const mid = start1 + 4;
    const end1 = roundEnd(full, 1);
    const kept = end1.mask.findIndex((row) => row.filter((v) => v === 1).length === 2);
    const x = end1.mask[kept].findIndex((v, op) => op > 0 && v === 1);
    const branch = await collect({ resume: full.slice(0, mid), overrides: [prune(kept, x)] });
    expect(branch[0]).toEqual({ type: 'override', round: 1, override: prune(kept, x) });
    // The rest of round 2 is measured as unsteered: the round's supernet is fixed.
    const rest = (events: SearchEvent[]) => strip(events.filter((e) => e.type === 'candidate' && e.round === 1 && e.index >= 4));
    expect(rest(branch)).toEqual(rest(full));
    const next = branch.find((e) => e.type === 'round-start' && e.round === 2);
    expect(next?.type === 'round-start' && next.candidates).not.toContainEqual({ edge: kept, op: x });
    expect(next?.type === 'round-start' && next.mask[kept][x]).toBe(0);
    // Scheduled for round 2's end (as the URL writes it), the same events from there on.
    const scheduled = await collect({ resume: full.slice(0, start1), overrides: [{ ...prune(kept, x), round: 1 }] });
    const fromEnd = (events: SearchEvent[]) => strip(events.slice(events.findIndex((e) => e.type === 'round-end' && e.round === 1)));
    expect(scheduled.filter((e) => e.type === 'override')).toEqual([branch[0]]);
    expect(fromEnd(scheduled)).toEqual(fromEnd(branch));
  }, 600_000);

  it('refuses an impossible override before measuring anything, naming its reason', async () => {
    const refused = async (opts: { resume?: SearchEvent[]; overrides?: ScheduledOverride[] }) => {
      try {
        await collect(opts);
      } catch (err) {
        expect(err).toBeInstanceOf(OverrideRefused);
        return (err as OverrideRefused).refusal.reason;
      }
      return null;
    };
    const end1 = full.findIndex((e) => e.type === 'round-end' && e.round === 1);
    expect(await refused({ overrides: [pin(0, 1), pin(0, 2)] })).toBe('second-pin');
    expect(await refused({ resume: full.slice(0, end1 + 1), overrides: [{ ...pin(0, 1), round: 0 }] })).toBe('past-round');
    expect(await refused({ overrides: [{ ...pin(0, 1), round: 3 }] })).toBe('finished');
    expect(await refused({ resume: full, overrides: [pin(0, 1)] })).toBe('finished');
  });
});
