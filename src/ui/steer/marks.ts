/** What the hand did to the ops of a round, for the cell drawings and the rank table: pinned (in force in that round) or pruned by hand at its end. */
import { useMemo } from 'react';
import type { SearchEvent } from '../../engine/search/events';
import { opKey, refOfOverride } from '../../store/steer/steer-space';
import { useStore } from '../../store/store';

export type SteerMark = 'pin' | 'prune';

/** Marks of round `round` (0-based), keyed by opKey: "edge:op", DARTS "cell:edge:op". */
export function marksOf(events: readonly SearchEvent[], round: number): Map<string, SteerMark> {
  const out = new Map<string, SteerMark>();
  for (const e of events) {
    if (e.type !== 'override' || e.round > round) continue;
    const k = opKey(refOfOverride(e.override));
    if (e.override.kind === 'pin') out.set(k, 'pin');
    else if (e.round === round) out.set(k, 'prune');
  }
  return out;
}

export function useSteerMarks(round: number | null): Map<string, SteerMark> {
  const events = useStore((s) => s.run.events);
  return useMemo(() => (round === null ? new Map<string, SteerMark>() : marksOf(events, round)), [events, round]);
}
