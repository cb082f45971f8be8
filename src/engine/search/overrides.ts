/**
 * Steering the search by hand: an override pins an op (the pruning walk
 * passes over it, in this round and every later one, to the next candidate on
 * its edge; the op is still measured and ranked) or prunes one (it leaves the
 * mask: at once between rounds, at the round's end as that edge's prune of the
 * round while a round is open, since the round's supernet is already fixed).
 *
 * Every override is checked against the point of the search it is applied at
 * (the mask, the pins and the hand prunes in force, whether a round is open);
 * a refusal names its reason. `steerAt` replays a run's events to that point,
 * so the search, the run-file check and the page agree on what is allowed.
 *
 * The DARTS space (a point with both cells' masks, overrides naming their
 * cell) has its own rules in ./darts-overrides; checkOverride and
 * applyOverride take either, and steerAt starts from the space's full masks.
 */
import { EDGES, edgeLabel, fullMask, NUM_OPS, OPS, withoutOp } from '../model/nb201/space';
import { checkDartsOverride, DARTS_START, dartsRef } from './darts-overrides';
import type { Override, RoundEndEvent, SearchEvent } from './events';
import type { RankingResult } from './ranking';
import {
  holds,
  NO_STEER,
  OverrideRefused,
  type Refusal,
  type RefusalReason,
  refusalOf,
  sameRef,
  type SpaceName,
  type Steer,
  type SteerPoint,
  type SteerRef,
} from './steer-point';

export {
  DARTS_REFUSAL_REASONS,
  describeOverride,
  NO_STEER,
  OverrideRefused,
  REFUSAL_REASONS,
  type Refusal,
  type RefusalReason,
  type SpaceName,
  type Steer,
  type SteerPoint,
  type SteerRef,
} from './steer-point';

export const START: SteerPoint = { mask: fullMask(), steer: NO_STEER, round: 0, roundOpen: false, finished: false };

/** The start of a search in `space`. */
export function startPoint(space: SpaceName = 'nb201'): SteerPoint {
  return space === 'darts' ? DARTS_START : START;
}

/** Why `o` cannot be applied at point `p`, or null when it can (a DARTS point: ./darts-overrides). */
export function checkOverride(p: SteerPoint, o: Override): Refusal | null {
  if (p.maskReduce) return checkDartsOverride(p, o);
  const refuse = (reason: RefusalReason, why: string) => refusalOf('nb201', o, reason, why);
  if (o.cell !== undefined) return refuse('unknown-edge', `NAS-Bench-201 has one cell, so an edge names no cell (got "${o.cell}")`);
  if (!Number.isInteger(o.edge) || o.edge < 0 || o.edge >= EDGES.length)
    return refuse('unknown-edge', `there is no such edge (edges: ${EDGES.map((_, i) => edgeLabel(i)).join(', ')})`);
  if (!Number.isInteger(o.op) || o.op < 0 || o.op >= NUM_OPS) return refuse('unknown-op', `there is no such op (ops: ${OPS.join(', ')})`);
  if (p.finished) return refuse('finished', 'the search has ended');
  const c = { edge: o.edge, op: o.op };
  const label = edgeLabel(o.edge);
  const pinned = p.steer.pins.find((x) => x.edge === o.edge);
  if (holds(p.steer.pending, c)) return refuse('contradicts', `it was already pruned by hand in round ${p.round + 1}`);
  if (p.mask[o.edge][o.op] !== 1)
    return refuse('inactive', o.op === 0 ? "'none' is never among the ops searched" : `it was already pruned from edge ${label}`);
  if (o.kind === 'prune') {
    if (pinned && sameRef(pinned, c)) return refuse('contradicts', 'it is pinned');
    const left = p.mask[o.edge].filter((v, op) => v === 1 && !holds(p.steer.pending, { edge: o.edge, op })).length;
    if (left <= 1) return refuse('empty-edge', `it is the last op on edge ${label}, which would be left empty`);
  } else if (pinned) {
    return refuse('second-pin', `edge ${label} already has a pinned op (${OPS[pinned.op]})`);
  }
  return null;
}

/** Point `p` with `o` applied; throws OverrideRefused when it cannot be. */
export function applyOverride(p: SteerPoint, o: Override): SteerPoint {
  const refusal = checkOverride(p, o);
  if (refusal) throw new OverrideRefused(refusal);
  const c: SteerRef = p.maskReduce ? dartsRef(o) : { edge: o.edge, op: o.op };
  if (o.kind === 'pin') return { ...p, steer: { ...p.steer, pins: [...p.steer.pins, c] } };
  if (p.roundOpen) return { ...p, steer: { ...p.steer, pending: [...p.steer.pending, c] } };
  if (c.cell === 1) return { ...p, maskReduce: withoutOp(p.maskReduce!, c) };
  return { ...p, mask: withoutOp(p.mask, c) };
}

type Ranked = RoundEndEvent['ranked'][number];

/**
 * The round's pruning with the steering applied: walking the rank-sum order,
 * an op pruned by hand this round is pruned (and is its edge's prune of the
 * round), a pinned op is passed over, and the first other candidate met on
 * each remaining edge is pruned, as in the official walk. Without steering the
 * ranking is returned unchanged.
 */
export function steerRanking(r: RankingResult, steer: Steer): { ranked: Ranked[]; pruned: SteerRef[] } {
  if (steer.pins.length === 0 && steer.pending.length === 0) return r;
  const byHand = new Set(steer.pending.map((c) => c.edge));
  const done = new Set<number>();
  const pruned: SteerRef[] = [];
  const ranked = r.ranked.map((k): Ranked => {
    const c = { edge: k.edge, op: k.op };
    if (holds(steer.pending, c)) {
      pruned.push(c);
      return { ...k, pruned: true, override: 'prune' };
    }
    if (holds(steer.pins, c)) return { ...k, pruned: false, override: 'pin' };
    if (byHand.has(k.edge) || done.has(k.edge)) return { ...k, pruned: false };
    done.add(k.edge);
    pruned.push(c);
    return { ...k, pruned: true };
  });
  return { ranked, pruned };
}

/** The mask (and, DARTS, the reduction cell's) an event carries, copied. */
function masksFrom(e: { mask: number[][]; maskReduce?: number[][] }): Pick<SteerPoint, 'mask' | 'maskReduce'> {
  return { mask: e.mask.map((r) => r.slice()), ...(e.maskReduce && { maskReduce: e.maskReduce.map((r) => r.slice()) }) };
}

/** The point after one more event of a search (an override is checked and applied; a refused one throws OverrideRefused). */
export function nextPoint(p: SteerPoint, e: SearchEvent): SteerPoint {
  switch (e.type) {
    case 'round-start':
      return { ...p, ...masksFrom(e), round: e.round, roundOpen: true };
    case 'round-end':
      return { ...p, ...masksFrom(e), round: e.round + 1, roundOpen: false, steer: { ...p.steer, pending: [] } };
    case 'result':
      return { ...p, finished: true };
    case 'override':
      return applyOverride(p, e.override);
    default:
      return p;
  }
}

/** The point reached after `events` of a search in `space` (throws OverrideRefused at the first override that does not apply). */
export function steerAt(events: readonly SearchEvent[], space: SpaceName = 'nb201'): SteerPoint {
  return events.reduce(nextPoint, startPoint(space));
}

/** The overrides of a run, each with the round it happened in. */
export function overridesOf(events: readonly SearchEvent[]): { round: number; index: number; override: Override }[] {
  return events.flatMap((e, index) => (e.type === 'override' ? [{ round: e.round, index, override: e.override }] : []));
}
