/**
 * How much of a DARTS-space run is left to compute (the progress of a branch
 * computed in the background): the open round's rest, the pruning rounds the
 * masks still need (P ops per edge each, the hand prunes of the open round
 * counting toward their edge's), then the edge-group step's candidates.
 */
import { NUM_PER_GROUP, listEdgeGroups } from '../../engine/search/darts-group';
import { masksOf } from '../../engine/search/darts-overrides';
import { DARTS_PRUNE_NUMBER, type DartsMasks, listDartsCandidates } from '../../engine/search/darts-round';
import { pruneNumberFor } from '../../engine/search/darts-steer';
import type { SearchEvent } from '../../engine/search/events';
import { steerAt } from '../../engine/search/overrides';

const active = (row: readonly number[]) => row.filter((v, op) => op > 0 && v === 1).length;

/** Masks with `take(cell, edge, active ops)` ops left out of each edge (which ones does not matter for the counts). */
function thinned(m: DartsMasks, take: (cell: 0 | 1, edge: number, a: number) => number): DartsMasks {
  const cut = (mask: number[][], cell: 0 | 1) =>
    mask.map((row, edge) => {
      let n = take(cell, edge, active(row));
      return row.map((v, op) => (op > 0 && v === 1 && n-- > 0 ? 0 : v));
    });
  return { normal: cut(m.normal, 0), reduce: cut(m.reduce, 1) };
}

const groupStepCandidates = (m: DartsMasks) => listEdgeGroups(m).flatMap((g) => g.candidates).length;
const groupStepNeeded = (m: DartsMasks) => listEdgeGroups(m).some((g) => g.candidates.length > NUM_PER_GROUP);

/** Candidates still to measure after `events` of a DARTS-space search. */
export function dartsCandidatesLeft(events: readonly SearchEvent[]): number {
  const p = steerAt(events, 'darts');
  if (p.finished) return 0;
  let m = masksOf(p);
  const measured = events.filter((e) => e.type === 'candidate' && e.round === p.round).length;
  const pruning = listDartsCandidates(m).length > 0;
  if (p.roundOpen && !pruning) return groupStepCandidates(m) - measured;
  let left = 0;
  if (p.roundOpen) {
    left += listDartsCandidates(m).length - measured;
    const prune = pruneNumberFor(m, DARTS_PRUNE_NUMBER);
    const byHand = (cell: 0 | 1, edge: number) => p.steer.pending.filter((c) => (c.cell ?? 0) === cell && c.edge === edge).length;
    m = thinned(m, (cell, edge, a) => (a > 1 ? Math.max(Math.min(prune, a - 1), byHand(cell, edge)) : 0));
  }
  for (let n = listDartsCandidates(m).length; n > 0; n = listDartsCandidates(m).length) {
    left += n;
    const prune = pruneNumberFor(m, DARTS_PRUNE_NUMBER);
    m = thinned(m, (_, __, a) => (a > 1 ? Math.min(prune, a - 1) : 0));
  }
  return left + (groupStepNeeded(m) ? groupStepCandidates(m) : 0);
}
