/**
 * Where the page branches a run when an op is pinned or pruned: in the round
 * on screen, before its pruning is applied. A round whose end is shown is
 * branched just before that end (the decision the user is looking at); an
 * unfinished one where its events stop (between candidates), not between a
 * round's start and its first candidate (the round's supernet is fixed from
 * its start, so an override there waits for its end the same way).
 */
import type { SearchEvent } from '../engine/search/events';
import type { ScheduledOverride } from '../engine/search/steering';

/** The number of the run's events a branch keeps, for the round shown (null: the latest). */
export function branchIndex(events: readonly SearchEvent[], shownRound: number | null): number {
  const starts = events.flatMap((e, i) => (e.type === 'round-start' ? [{ round: e.round, i }] : []));
  if (starts.length === 0) return events.length;
  const shown = starts.find((s) => s.round === shownRound) ?? starts[starts.length - 1];
  const end = events.findIndex((e) => e.type === 'round-end' && e.round === shown.round);
  if (end >= 0) return end;
  return events.length;
}

/**
 * The overrides of a run as a new search applies them (the URL's `steer`):
 * one made while a round was open at that round's end, one made before any
 * round from the start; null when one was made between two rounds, which
 * that form cannot say.
 */
export function scheduledOf(events: readonly SearchEvent[]): ScheduledOverride[] | null {
  const out: ScheduledOverride[] = [];
  let open = false;
  for (const e of events) {
    if (e.type === 'round-start') open = true;
    else if (e.type === 'round-end') open = false;
    else if (e.type === 'override') {
      if (open) out.push({ ...e.override, round: e.round });
      else if (e.round === 0) out.push(e.override);
      else return null;
    }
  }
  return out;
}
