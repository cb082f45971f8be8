/** A DARTS run's events by round, as the two cell drawings need them: both cells' masks, the measured candidates, the round's end. */
import type { CandidateEvent, RoundEndEvent, SearchEvent } from '../../engine/search/events';
import type { Settings } from '../../engine/model/settings';

export interface DartsRoundView {
  round: number;
  phase: 'prune' | 'group';
  /** The masks at the start of the round: [normal, reduction]. */
  masks: [number[][], number[][]];
  measured: CandidateEvent[];
  end: RoundEndEvent | null;
}

/** True for settings of the DARTS space (run files before version 4 have none: NAS-Bench-201). */
export const isDarts = (settings: Pick<Settings, 'space'> | null | undefined): boolean => settings?.space === 'darts';

export function dartsRoundsOf(events: readonly SearchEvent[]): DartsRoundView[] {
  const rounds: DartsRoundView[] = [];
  for (const e of events) {
    if (e.type === 'round-start')
      rounds.push({ round: e.round, phase: e.phase ?? 'prune', masks: [e.mask, e.maskReduce ?? e.mask], measured: [], end: null });
    const r = rounds[rounds.length - 1];
    if (!r) continue;
    if (e.type === 'candidate' && e.round === r.round) r.measured.push(e);
    if (e.type === 'round-end' && e.round === r.round) r.end = e;
  }
  return rounds;
}

/** The final masks of a finished DARTS run, [normal, reduction]; null before its last round ends. */
export function dartsFinalMasks(events: readonly SearchEvent[]): [number[][], number[][]] | null {
  if (!events.some((e) => e.type === 'result')) return null;
  const end = [...events].reverse().find((e) => e.type === 'round-end');
  return end?.type === 'round-end' && end.maskReduce ? [end.mask, end.maskReduce] : null;
}
