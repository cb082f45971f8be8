import { type RefObject, useEffect, useRef, useState } from 'react';
import { useChartUpdate } from './use-chart-update';

/**
 * The width of the element `ref` is attached to, followed with a
 * ResizeObserver (0 until measured). Nothing reads the layout synchronously:
 * the observer reports after the browser's own layout, so a chart is drawn
 * in a task of its own, after the one that mounted its box, and never forces
 * a layout of the page (recharts' ResponsiveContainer reads
 * getBoundingClientRect when it mounts). The width passes through the charts'
 * redraw queue: a chart is first drawn in a task of its own, apart from the
 * other charts' redraws.
 */
export function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => {
      const w = entries[entries.length - 1]?.contentRect.width;
      if (w !== undefined) setWidth(Math.floor(w));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, useChartUpdate(width, 0, '')];
}
