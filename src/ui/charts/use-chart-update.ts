import { useEffect, useRef, useState } from 'react';
import { cancelRedraw, requestRedraw } from './update-queue';

/**
 * `value` as a live chart draws it: updated at most every `ms` while a search
 * streams in, at once when `phase` changes (a round starts or is ranked, the
 * search stops), and always through the shared redraw queue (./update-queue),
 * so that no two charts redraw in the same task or animation frame.
 */
export function useChartUpdate<T>(value: T, ms: number, phase: string): T {
  const [shown, setShown] = useState({ value, phase });
  const [id] = useState(() => ({}));
  const latest = useRef({ value, phase });
  const lastRun = useRef(-Infinity);
  useEffect(() => {
    latest.current = { value, phase };
    if (Object.is(value, shown.value)) return;
    const wait = phase !== shown.phase ? 0 : Math.max(0, lastRun.current + ms - performance.now());
    const t = setTimeout(
      () =>
        requestRedraw(id, () => {
          lastRun.current = performance.now();
          // A plain update, not a transition: React restarts a transition synchronously, all of it,
          // when the page's store changes between its slices (it does every 150 ms during a search).
          setShown(latest.current);
        }),
      wait,
    );
    return () => clearTimeout(t);
  }, [value, phase, shown, ms, id]);
  useEffect(() => () => cancelRedraw(id), [id]);
  return shown.value;
}
