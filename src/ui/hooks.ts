/** Store selectors shared by several views. */
import { useDeferredValue, useMemo } from 'react';
import { roundsOf, type RoundView } from '../store/run/rounds';
import { useStore } from '../store/store';

/** The run's rounds; deferred, so React renders the charts in interruptible background passes. */
export function useRounds(): RoundView[] {
  const events = useDeferredValue(useStore((s) => s.run.events));
  return useMemo(() => roundsOf(events), [events]);
}

/** The round being shown: the selected tab, else the latest. */
export function useShownRound(): RoundView | null {
  const rounds = useRounds();
  const view = useStore((s) => s.viewRound);
  if (rounds.length === 0) return null;
  return rounds.find((r) => r.round === view) ?? rounds[rounds.length - 1];
}
