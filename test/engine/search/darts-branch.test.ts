/**
 * Steered DARTS searches on wasm (batch 2, 1 repeat, 20 crops). The pruning
 * rounds' candidates are made up (their Δκ and ΔR drawn from a seeded
 * stream, given to the search as resumed events), so the engine decides every
 * round and only the edge-group step is measured: a pin is never pruned and
 * its edge survives into the genotype, a prune scheduled for the step removes
 * its edge, a hand prune is gone from the next candidate list, a search
 * steered at round r continues exactly as one started from the overridden
 * masks, no tensor is left behind, and an impossible override is refused
 * before anything is measured.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { genotypeToMasks, parseGenotype } from '../../../src/engine/model/darts/genotype';
import { EDGE_GROUPS, edgeLabel, OPS } from '../../../src/engine/model/darts/space';
import { stream } from '../../../src/engine/model/random';
import { PRESETS, type Settings } from '../../../src/engine/model/settings';
import { SearchCancelled } from '../../../src/engine/search/cancelled';
import { candidatePlace, groupStepMasks } from '../../../src/engine/search/candidate-place';
import type { CandidateEvent, Override, RoundEndEvent, RoundStartEvent, SearchEvent } from '../../../src/engine/search/events';
import { OverrideRefused, type RefusalReason } from '../../../src/engine/search/overrides';
import { makeRun, parseRun } from '../../../src/engine/search/run-file';
import { search } from '../../../src/engine/search/search';
import type { ScheduledOverride } from '../../../src/engine/search/steering';
import { backend, cifarData } from '../../helpers/engine';

const tiny: Settings = { ...PRESETS['darts-quick'], batchSize: 2, repeats: 1, regionBatches: 1, regionBatchSize: 20 };
const SEED = 0;
const E = (label: string) => Array.from({ length: 14 }, (_, e) => edgeLabel(e)).indexOf(label);
const CELL = ['normal', 'reduce'] as const;

/** The search's events from `resume` on; cancelled before its next measurement once `stop` says so. */
async function run(resume: SearchEvent[], overrides: ScheduledOverride[] = [], stop?: (e: SearchEvent) => boolean): Promise<SearchEvent[]> {
  const ac = new AbortController();
  const out: SearchEvent[] = [];
  try {
    for await (const e of search(await cifarData(), tiny, SEED, { resume, overrides, signal: ac.signal })) {
      out.push(e);
      if (stop?.(e)) ac.abort();
    }
  } catch (err) {
    if (!(err instanceof SearchCancelled)) throw err;
  }
  return out;
}

/** Made-up measurements of a round's candidates (the same for every search: drawn per round). */
function madeUp(start: RoundStartEvent): CandidateEvent[] {
  const rng = stream({ seed: 100 + start.round, purpose: 'sample' });
  return start.candidates.map((c, index) => {
    const dk = rng.uniform();
    const dr = rng.uniform();
    return {
      type: 'candidate',
      round: start.round,
      index,
      ...c,
      kappa: { original: [1], pruned: [1 + dk] },
      regions: { original: [1], pruned: [1 + dr] },
      deltaKappa: { perRepeat: [dk], mean: dk },
      deltaRegions: { perRepeat: [dr], mean: dr },
      ms: 0,
    };
  });
}

/** The events from `from` to round `upTo`'s start, every candidate before it made up (the engine decides each round). */
async function madeUpTo(upTo: number, overrides: ScheduledOverride[] = [], from: SearchEvent[] = []): Promise<SearchEvent[]> {
  let events = from;
  for (let first = true; ; first = false) {
    const next = await run(events, first ? overrides : [], (e) => e.type === 'round-start');
    events = [...events, ...next];
    const start = next.find((e): e is RoundStartEvent => e.type === 'round-start');
    if (!start) throw new Error('no round started');
    if (start.round === upTo) return events;
    events.push(...madeUp(start));
  }
}

const strip = (events: readonly SearchEvent[]) =>
  JSON.parse(JSON.stringify(events.map((e) => (e.type === 'candidate' ? { ...e, ms: 0 } : e))));
const roundEnd = (events: readonly SearchEvent[], round: number) =>
  events.find((e): e is RoundEndEvent => e.type === 'round-end' && e.round === round)!;
const endIndex = (events: readonly SearchEvent[], round: number) => events.findIndex((e) => e.type === 'round-end' && e.round === round);
const cellMask = (e: { mask: number[][]; maskReduce?: number[][] }, cell: 0 | 1) => (cell === 0 ? e.mask : e.maskReduce!);
const ov = (kind: Override['kind'], cell: 0 | 1, edge: number, op: number): Override => ({ kind, edge, op, cell: CELL[cell] });
const rankedOf = (e: RoundEndEvent, c: { cell?: number; edge: number; op: number }) =>
  e.ranked.find((r) => r.cell === c.cell && r.edge === c.edge && r.op === c.op);
const has = (list: readonly { cell?: number; edge: number; op: number }[], c: { cell: number; edge: number; op: number }) =>
  list.some((x) => x.cell === c.cell && x.edge === c.edge && x.op === c.op);

describe('steered DARTS searches on wasm (made-up pruning rounds, measured edge-group step)', () => {
  let plain: SearchEvent[];
  beforeAll(async () => {
    await backend('wasm');
    plain = await madeUpTo(2);
  }, 300_000);

  it('never prunes a pinned op, keeps its edge in the genotype; a prune scheduled for the step removes its edge', async () => {
    const end0 = roundEnd(plain, 0);
    // Two pins on state 5 of the normal cell, each an op the unsteered walk prunes in round 1.
    const pins = [E('3<-2'), E('3<-0')].map((edge) => end0.pruned.find((p) => p.cell === 0 && p.edge === edge)!);
    const steered = await madeUpTo(
      2,
      pins.map((p) => ov('pin', 0, p.edge, p.op)),
    );
    expect(steered.slice(0, 2).map((e) => e.type)).toEqual(['override', 'override']);
    for (const round of [0, 1]) {
      const end = roundEnd(steered, round);
      for (const p of pins) {
        expect(has(end.pruned, { cell: 0, edge: p.edge, op: p.op })).toBe(false);
        expect(rankedOf(end, p)).toMatchObject({ pruned: false, override: 'pin' });
      }
    }
    // At the step, the reduction cell's edge 3<-1 is pruned by hand before it starts (@3).
    const cut = steered.slice(0, endIndex(steered, 1) + 1);
    const end1 = roundEnd(steered, 1);
    const gone = { cell: 1 as const, edge: E('3<-1'), op: cellMask(end1, 1)[E('3<-1')].indexOf(1) };
    const before = tf.memory().numTensors;
    const t0 = performance.now();
    const rest = await run(cut, [{ ...ov('prune', 1, gone.edge, gone.op), round: 2 }]);
    console.log(`steered edge-group step: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    expect(tf.memory().numTensors).toBe(before);
    expect(rest[0]).toEqual({ type: 'override', round: 2, override: ov('prune', 1, gone.edge, gone.op) });
    const start = rest[1];
    expect(start).toMatchObject({ type: 'round-start', round: 2, phase: 'group' });
    expect(start.type === 'round-start' && start.candidates.filter((c) => c.cell === 1 && c.edge === gone.edge)).toEqual([]);
    const endG = roundEnd(rest, 2);
    for (const p of pins) expect(rankedOf(endG, p)).toMatchObject({ pruned: false, override: 'pin' });
    // The reduction cell's candidates were measured on the normal cell the steered groups left (as the pictures place them).
    const firstReduce = rest.find((e): e is CandidateEvent => e.type === 'candidate' && e.cell === 1)!;
    const place = candidatePlace({ settings: tiny, seed: SEED, events: [...cut, ...rest] }, firstReduce);
    expect(place?.measuredOn?.mask).toEqual(endG.mask);
    const measured = new Map(rest.flatMap((e) => (e.type === 'candidate' ? [[e.index, e] as const] : [])));
    const unsteered = groupStepMasks({ normal: end1.mask, reduce: end1.maskReduce! }, measured, firstReduce.index, tiny.precision);
    expect(unsteered?.normal).not.toEqual(endG.mask);
    const result = rest.at(-1)!;
    if (result.type !== 'result') throw new Error('no result');
    const g = parseGenotype(result.arch);
    // State 5's two edges are the pinned ones (inputs 2 and 0); the reduction cell's state 5 takes no input 1.
    expect([...g.normal.slice(6, 8)].sort()).toEqual(
      [
        [OPS[pins[0].op], 2],
        [OPS[pins[1].op], 0],
      ].sort(),
    );
    expect(g.reduce.slice(6, 8).map(([, j]) => j)).not.toContain(1);
    const { maskNormal, maskReduce } = genotypeToMasks(g);
    for (const mask of [maskNormal, maskReduce])
      for (const [a, b] of EDGE_GROUPS) expect(mask.slice(a, b).filter((row) => row.includes(1))).toHaveLength(2);
    // The steered run is a valid run file (its overrides replayed where they stand).
    expect(strip(parseRun(JSON.stringify(makeRun(SEED, tiny, 'wasm', [...cut, ...rest]))).events)).toEqual(strip([...cut, ...rest]));

    // Pruned by hand while the step is open (after 20 of its candidates): the step's end removes that edge.
    const at = rest.findIndex((e) => e.type === 'candidate' && e.index === 20);
    const x = { cell: 0 as const, edge: E('3<-3'), op: cellMask(end1, 0)[E('3<-3')].indexOf(1) };
    const mid = await run([...cut, ...rest.slice(0, at)], [ov('prune', 0, x.edge, x.op)]);
    expect(mid[0]).toEqual({ type: 'override', round: 2, override: ov('prune', 0, x.edge, x.op) });
    const endM = roundEnd(mid, 2);
    expect(rankedOf(endM, x)).toMatchObject({ pruned: true, override: 'prune' });
    for (const p of pins) expect(rankedOf(endM, p)).toMatchObject({ pruned: false, override: 'pin' });
    expect(endM.mask[x.edge].every((v) => v === 0)).toBe(true);
    for (const cell of [0, 1] as const)
      for (const [a, b] of EDGE_GROUPS)
        expect(
          cellMask(endM, cell)
            .slice(a, b)
            .filter((row) => row.includes(1)),
        ).toHaveLength(2);
  }, 300_000);

  it('continues, after a hand prune in round r, exactly as a search started from the overridden masks', async () => {
    const open1 = plain.slice(0, endIndex(plain, 1));
    const end1 = roundEnd(plain, 1);
    // The op the walk keeps on normal 1<-2 in round 2, pruned by hand at that round's end.
    const x = { cell: 0 as const, edge: E('1<-2'), op: end1.mask[E('1<-2')].indexOf(1) };
    const before = tf.memory().numTensors;
    const branch = await run(open1, [ov('prune', 0, x.edge, x.op)]);
    expect(tf.memory().numTensors).toBe(before);
    expect(branch[0]).toEqual({ type: 'override', round: 1, override: ov('prune', 0, x.edge, x.op) });
    const bEnd1 = roundEnd(branch, 1);
    expect(rankedOf(bEnd1, x)).toMatchObject({ pruned: true, override: 'prune' });
    // The hand prune is one of the edge's 3 prunes: one op is left there, another than x.
    expect(bEnd1.pruned.filter((p) => p.cell === 0 && p.edge === x.edge)).toHaveLength(3);
    expect(bEnd1.mask[x.edge].filter((v) => v === 1)).toHaveLength(1);
    expect(bEnd1.mask[x.edge][x.op]).toBe(0);
    // The reference: the same search resumed from round 2's end with the branch's masks.
    const reference = await run([...open1, { ...end1, mask: bEnd1.mask, maskReduce: bEnd1.maskReduce }]);
    const after = branch.slice(branch.indexOf(bEnd1) + 1);
    expect(after[0]).toMatchObject({ type: 'round-start', round: 2, phase: 'group', mask: bEnd1.mask });
    expect(strip(after)).toEqual(strip(reference));
    expect(after.at(-1)?.type).toBe('result');
    // The same branch through the page's path: the override event among the resumed events.
    const viaEvents = await run([...open1, branch[0]], [], (e) => e.type === 'candidate' && e.index === 2);
    expect(strip(viaEvents)).toEqual(strip(branch.slice(1, 1 + viaEvents.length)));
  }, 300_000);

  it('drops an op pruned between rounds from the next candidate list; uneven masks still reach one op per edge', async () => {
    const after0 = plain.slice(0, endIndex(plain, 0) + 1);
    // Normal edge 0<-0 (the edge the official prune number reads) down to 3 ops, the others at 4.
    const x = { cell: 0 as const, edge: 0, op: roundEnd(plain, 0).mask[0].indexOf(1) };
    const steered = await madeUpTo(2, [ov('prune', 0, x.edge, x.op)], after0);
    const tail = steered.slice(after0.length);
    expect(tail[0]).toEqual({ type: 'override', round: 1, override: ov('prune', 0, x.edge, x.op) });
    const start1 = tail[1];
    if (start1.type !== 'round-start') throw new Error('round 2 did not start');
    expect(has(start1.candidates, x)).toBe(false);
    expect(start1.mask[0].filter((v) => v === 1)).toHaveLength(3);
    const end1 = roundEnd(steered, 1);
    for (const row of [...end1.mask, ...end1.maskReduce!]) expect(row.filter((v) => v === 1)).toHaveLength(1);
    expect(steered.at(-1)).toMatchObject({ type: 'round-start', round: 2, phase: 'group' });
  }, 300_000);

  it('refuses an impossible override before measuring anything, naming its reason', async () => {
    const refused = async (resume: SearchEvent[], overrides: ScheduledOverride[]): Promise<RefusalReason | null> => {
      const out: SearchEvent[] = [];
      try {
        for await (const e of search(await cifarData(), tiny, SEED, { resume, overrides })) out.push(e);
      } catch (err) {
        expect(err).toBeInstanceOf(OverrideRefused);
        expect(out).toEqual([]);
        return (err as OverrideRefused).refusal.reason;
      }
      return null;
    };
    const after1 = plain.slice(0, endIndex(plain, 1) + 1);
    const end1 = roundEnd(plain, 1);
    const only = (cell: 0 | 1, edge: number) => cellMask(end1, cell)[edge].indexOf(1);
    expect(await refused([], [ov('pin', 0, 3, 2), ov('pin', 0, 3, 5)])).toBe('second-pin');
    expect(await refused([], [ov('pin', 1, E('2<-0'), 1), ov('pin', 1, E('2<-1'), 1), ov('pin', 1, E('2<-3'), 1)])).toBe('group-full');
    expect(
      await refused(
        [],
        [1, 2, 3, 4, 5, 6, 7].map((op) => ov('prune', 0, 4, op)),
      ),
    ).toBe('empty-edge');
    expect(await refused(after1, [ov('prune', 0, E('0<-1'), only(0, E('0<-1')))])).toBe('too-few-edges');
    expect(await refused(after1, [{ ...ov('pin', 0, 5, only(0, 5)), round: 0 }])).toBe('past-round');
    expect(await refused([], [{ ...ov('pin', 0, 5, 1), round: 3 }])).toBe('finished');
    expect(await refused([], [{ kind: 'pin', edge: 0, op: 1 }])).toBe('unknown-edge');
  }, 300_000);
});
