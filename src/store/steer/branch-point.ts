/**
 * Where the page branches a run when an op is pinned or pruned: in the round
 * on screen, before its pruning is applied. A round whose end is shown is
 * branched just before that end (the decision the user is looking at); an
 * unfinished one where its events stop (between candidates), not between a
 * round's start and its first candidate (the round's supernet is fixed from
 * its start, so an override there waits for its end the same way).
 *
 * The DARTS edge-group step prunes group by group as it measures, so it is
 * branched just before it starts: the override then decides every group, as
 * the same override given in the URL (`@ROUND` of the step) does.
 */
import { isSinglePath } from '../../engine/model/darts/space';
import type { SearchEvent } from '../../engine/search/events';
import type { ScheduledOverride } from '../../engine/search/steering';
import type { SpaceName } from './steer-space';

/** The number of the run's events a branch keeps, for the round shown (null: the latest). */
export function branchIndex(events: readonly SearchEvent[], shownRound: number | null): number {
  const starts = events.flatMap((e, i) => (e.type === 'round-start' ? [{ round: e.round, group: e.phase === 'group', i }] : []));
  if (starts.length === 0) return events.length;
  const shown = starts.find((s) => s.round === shownRound) ?? starts[starts.length - 1];
  if (shown.group) return shown.i;
  const end = events.findIndex((e) => e.type === 'round-end' && e.round === shown.round);
  if (end >= 0) return end;
  return events.length;
}

/**
 * The overrides of a run as a new search applies them (the URL's `steer`):
 * one made while a round was open at that round's end, one made before any
 * round from the start, and (DARTS) one made just before the edge-group step
 * at that step (a new search applies it before the step starts); null when
 * one was made between two other rounds, which that form cannot say.
 */
export function scheduledOf(events: readonly SearchEvent[], space: SpaceName = 'nb201'): ScheduledOverride[] | null {
  const out: ScheduledOverride[] = [];
  let open = false;
  let groupNext = false;
  for (const e of events) {
    if (e.type === 'round-start') open = true;
    else if (e.type === 'round-end') {
      open = false;
      groupNext = space === 'darts' && e.maskReduce !== undefined && isSinglePath(e.mask) && isSinglePath(e.maskReduce);
    } else if (e.type === 'override') {
      if (open || (groupNext && e.round > 0)) out.push({ ...e.override, round: e.round });
      else if (e.round === 0) out.push(e.override);
      else return null;
    }
  }
  return out;
}
