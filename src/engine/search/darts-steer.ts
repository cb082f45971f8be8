/**
 * The DARTS decisions with steering by hand (./darts-overrides says what is
 * allowed): pinned ops and ops pruned by hand during the open round.
 *
 * Pruning rounds: walking the round's rank-sum order, an op pruned by hand is
 * pruned and counts toward its edge's prune number of the round, a pinned op
 * is passed over (still measured and ranked), and each (cell, edge) takes the
 * first others it meets up to its quota: min(P, a_e − 1) minus its hand
 * prunes, a_e its active ops, so an edge is never left empty.
 *
 * The prune number P (a deliberate extension of the official rule): the
 * official P = min(prune number, a − 1) reads a on edge 0 of the normal cell
 * only. Hand prunes can leave edges with different op counts, where that P can
 * be 0 while other edges still hold several ops (an endless loop). So when the
 * masks are not uniform (some edge's active count differs from that edge's),
 * a is the largest active count over all edges of both cells. Uniform masks —
 * every unsteered search, and a steered one whose overrides left them so —
 * keep the official rule exactly (the two agree there anyway).
 *
 * The edge-group step: within a group the edges of pinned ops are kept and an
 * edge pruned by hand is removed; of the others, in rank-sum order, the last
 * (2 − pinned edges in the group) are kept and the rest pruned, so each node
 * ends with exactly 2 incoming edges.
 *
 * Without steering both return the official decisions unchanged.
 */
import { decideGroup, type GroupDecision, NUM_PER_GROUP } from './darts-group';
import {
  cellMask,
  type DartsCandidate,
  type DartsCandidateScore,
  type DartsMasks,
  type DartsRankedCandidate,
  decideDartsRound,
  effectivePruneNumber,
} from './darts-round';

/** The steering in force, DARTS refs (cell 0 = normal, 1 = reduction). */
export interface DartsSteer {
  pins: readonly DartsCandidate[];
  pending: readonly DartsCandidate[];
}

/** A ranked candidate, marked when an override decided its fate. */
export type SteeredRanked = DartsRankedCandidate & { override?: 'pin' | 'prune' };

const same = (a: DartsCandidate, b: DartsCandidate) => a.cell === b.cell && a.edge === b.edge && a.op === b.op;
const holds = (list: readonly DartsCandidate[], c: DartsCandidate) => list.some((x) => same(x, c));
const ref = (c: DartsCandidate): DartsCandidate => ({ cell: c.cell, edge: c.edge, op: c.op });

function activeCount(row: readonly number[]): number {
  let k = 0;
  for (let o = 1; o < row.length; o++) if (row[o] > 0) k++;
  return k;
}

/** True when every edge with an active op, in both cells, has as many as edge 0 of the normal cell. */
export function uniformMasks(m: DartsMasks): boolean {
  const a = activeCount(m.normal[0]);
  return [...m.normal, ...m.reduce].every((row) => {
    const k = activeCount(row);
    return k === 0 || k === a;
  });
}

/** P of a round: the official rule on uniform masks, else min(pruneNumber, largest active count − 1) (see the module comment). */
export function pruneNumberFor(m: DartsMasks, pruneNumber: number): number {
  if (uniformMasks(m)) return effectivePruneNumber(m, pruneNumber);
  const a = Math.max(...[...m.normal, ...m.reduce].map(activeCount));
  return Math.max(0, Math.min(pruneNumber, a - 1));
}

/** Pruning rounds the masks still need (P each round, every edge down to one op), without further overrides. */
export function pruningRoundsLeft(m: DartsMasks, pruneNumber: number): number {
  let a = Math.max(...[...m.normal, ...m.reduce].map(activeCount));
  let rounds = 0;
  while (a > 1) {
    a -= Math.min(pruneNumber, a - 1);
    rounds++;
  }
  return rounds;
}

/** A pruning round's decision with the steering applied (see the module comment); `prune` is P ({@link pruneNumberFor}). */
export function decideSteeredRound(
  scores: readonly DartsCandidateScore[],
  masks: DartsMasks,
  prune: number,
  steer: DartsSteer,
  precision = 3,
): { ranked: SteeredRanked[]; pruned: DartsCandidate[] } {
  if (steer.pins.length === 0 && steer.pending.length === 0 && uniformMasks(masks)) return decideDartsRound(scores, prune, precision);
  const key = (c: DartsCandidate) => `${c.cell},${c.edge}`;
  const byHand = new Map<string, number>();
  for (const c of steer.pending) byHand.set(key(c), (byHand.get(key(c)) ?? 0) + 1);
  const quota = (c: DartsCandidate) => Math.min(prune, activeCount(cellMask(masks, c.cell)[c.edge]) - 1) - (byHand.get(key(c)) ?? 0);
  // Pruned ops grouped by (cell, edge) in the order each edge's first one is met, as the official walk lists them.
  const taken = new Map<string, { walk: number; list: DartsCandidate[] }>();
  const take = (c: DartsCandidate, walk: boolean) => {
    const t = taken.get(key(c)) ?? { walk: 0, list: [] };
    t.list.push(ref(c));
    if (walk) t.walk++;
    taken.set(key(c), t);
  };
  const ranked = decideDartsRound(scores, 0, precision).ranked.map((r): SteeredRanked => {
    if (holds(steer.pending, r)) {
      take(r, false);
      return { ...r, pruned: true, override: 'prune' };
    }
    if (holds(steer.pins, r)) return { ...r, pruned: false, override: 'pin' };
    const pruned = (taken.get(key(r))?.walk ?? 0) < quota(r);
    if (pruned) take(r, true);
    return { ...r, pruned };
  });
  return { ranked, pruned: [...taken.values()].flatMap((t) => t.list) };
}

/** One group's decision in the edge-group step with the steering applied (see the module comment). */
export function decideSteeredGroup(
  scores: readonly DartsCandidateScore[],
  steer: DartsSteer,
  numPerGroup = NUM_PER_GROUP,
  precision = 3,
): GroupDecision & { ranked: SteeredRanked[] } {
  const base = decideGroup(scores, numPerGroup, precision);
  if (!scores.some((s) => holds(steer.pins, s) || holds(steer.pending, s))) return base;
  const pinned = scores.filter((s) => holds(steer.pins, s)).length;
  const free = base.ranked.filter((r) => !holds(steer.pins, r) && !holds(steer.pending, r));
  const cut = free.slice(0, Math.max(0, free.length - Math.max(0, numPerGroup - pinned)));
  const ranked = base.ranked.map((r): SteeredRanked => {
    if (holds(steer.pending, r)) return { ...r, pruned: true, override: 'prune' };
    if (holds(steer.pins, r)) return { ...r, pruned: false, override: 'pin' };
    return { ...r, pruned: cut.includes(r) };
  });
  return { ranked, pruned: ranked.filter((r) => r.pruned).map(ref) };
}
