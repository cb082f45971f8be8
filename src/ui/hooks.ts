/** Store selectors shared by several views. */
import { startTransition, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { roundsOf, type RoundView } from '../store/rounds';
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

/**
 * Milliseconds of chart animation for the chosen speed; 0 (no animation) while
 * a full-speed search streams in, where animating every batch of points would
 * keep the main thread busy.
 */
export function useAnimationMs(): number {
  const speed = useStore((s) => s.params.speed);
  const streaming = useStore((s) => s.run.status === 'running' && s.run.stepping === null);
  if (speed === 'full') return streaming ? 0 : 300;
  return speed === 'slow' ? 700 : 1400;
}

/**
 * `value`, updated at most every `ms` (trailing), in a task of its own, so a
 * second chart re-renders apart from the first and each main-thread task stays
 * short. A change of `phase` (e.g. a round ending, the search stopping) passes at once.
 */
export function useThrottled<T>(value: T, ms: number, phase: string): T {
  const [shown, setShown] = useState({ value, phase });
  const last = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown.value)) return;
    const wait = phase !== shown.phase ? 0 : Math.max(0, last.current + ms - performance.now());
    const t = setTimeout(() => {
      last.current = performance.now();
      // A transition: React renders it in short, interruptible slices.
      startTransition(() => setShown({ value, phase }));
    }, wait);
    return () => clearTimeout(t);
  }, [value, phase, shown, ms]);
  return shown.value;
}
