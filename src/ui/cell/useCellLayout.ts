import { type RefObject, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../../store/store';
import { OP_SHORT } from '../format';
import { ROOT_PX } from '../type-size';
import { type CellLayout, cellLayout } from './geometry';

/** Width of the widest op label per px of font size, in the page's font (bold, as .chip text draws it). */
function labelPerPx(): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return 0.65 * Math.max(...OP_SHORT.map((s) => s.length));
  ctx.font = `600 100px ${getComputedStyle(document.body).fontFamily}`;
  return Math.max(...OP_SHORT.map((s) => ctx.measureText(s).width)) / 100;
}

/**
 * The cell drawing's layout for the width of the element behind the returned
 * ref (followed as it resizes), with `stack` chips per edge at most; null
 * until that width is known.
 */
export function useCellLayout(stack: number): [RefObject<HTMLDivElement | null>, CellLayout | null] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const large = useStore((s) => s.params.large);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(Math.floor(el.clientWidth));
    const ro = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // The labels are 6/7 of the root font size (12 px by default), less on a narrow drawing (never under 12 px).
  const font = Math.round((ROOT_PX[large ? 'large' : 'normal'] * 6) / 7);
  const label = useMemo(labelPerPx, []);
  const layout = useMemo(() => (width > 0 ? cellLayout(width, font, label, stack) : null), [width, font, label, stack]);
  return [ref, layout];
}
