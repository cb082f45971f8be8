/**
 * What a branch measured for its parent: a branch made while a round was open
 * measures the rest of that round on the same supernet, with the same random
 * streams, as its parent would (an override decides the round's pruning, not
 * its measurements). A parent finished after its branch, or the next branch of
 * "every alternative on one edge", takes those candidate events instead of
 * measuring them again: the same numbers, computed once.
 */
import type { SearchEvent } from '../../engine/search/events';

/** The round open where `events` end (started, not ended, no result); null between rounds. */
function openRound(events: readonly SearchEvent[]): number | null {
  let open: number | null = null;
  for (const e of events) {
    if (e.type === 'round-start') open = e.round;
    else if (e.type === 'round-end' || e.type === 'result') open = null;
  }
  return open;
}

/**
 * `run`'s events with the candidates of its open round that `other` measured
 * and it has not (by index, in index order) appended; unchanged when `run`
 * ends between rounds or `other` did not share that round's supernet (its
 * round started on other masks).
 */
export function withSharedRound(run: readonly SearchEvent[], other: readonly SearchEvent[]): SearchEvent[] {
  const round = openRound(run);
  if (round === null) return [...run];
  const startOf = (events: readonly SearchEvent[]) => events.find((e) => e.type === 'round-start' && e.round === round);
  if (JSON.stringify(startOf(run)) !== JSON.stringify(startOf(other))) return [...run];
  const have = new Set(run.flatMap((e) => (e.type === 'candidate' && e.round === round ? [e.index] : [])));
  const shared = other
    .filter((e) => e.type === 'candidate' && e.round === round && !have.has(e.index))
    .sort((a, b) => (a.type === 'candidate' && b.type === 'candidate' ? a.index - b.index : 0));
  return [...run, ...shared];
}
