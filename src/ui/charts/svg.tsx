/**
 * A small SVG chart kit for the search's live charts: the trade-off scatter,
 * the κ_N / R_N trajectories and the result's histogram.
 *
 * These charts used recharts, whose every update cost 50–150 ms of
 * synchronous main-thread work on a 2-core machine (its internal store
 * re-runs selectors and re-renders in animation frames, and it measures tick
 * labels in the DOM): one long task per redraw during a search. Drawn here as
 * plain React SVG, an update is a few milliseconds. (The correlation study's
 * charts, off the search screen and loaded on demand, still use recharts.)
 */
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

export { linear, niceAxis, tickStep, ticksIn, type LinearAxis } from './scale';

/**
 * The width of the element `ref` is attached to, followed with a
 * ResizeObserver (0 until measured). Nothing reads the layout synchronously:
 * the observer reports after the browser's own layout, so mounting a chart
 * never forces a layout of the page inside a React commit.
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
  return [ref, width];
}

export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const TICK = 6;

/** Dashed grid lines at the ticks (x positions and y positions in pixels). */
export function Grid({ box, xs, ys }: { box: Box; xs: readonly number[]; ys: readonly number[] }) {
  return (
    <g className="chart-grid">
      {ys.map((y, i) => (
        <line key={`h${i}`} x1={box.left} x2={box.right} y1={y} y2={y} />
      ))}
      {xs.map((x, i) => (
        <line key={`v${i}`} x1={x} x2={x} y1={box.top} y2={box.bottom} />
      ))}
    </g>
  );
}

export interface Tick {
  at: number;
  label: string;
}

/** Axis line, tick marks and labels below the plot box. */
export function BottomAxis({ box, ticks, label }: { box: Box; ticks: readonly Tick[]; label?: string }) {
  return (
    <g className="chart-axis">
      <line x1={box.left} x2={box.right} y1={box.bottom} y2={box.bottom} />
      {ticks.map((t, i) => (
        <g key={i}>
          <line x1={t.at} x2={t.at} y1={box.bottom} y2={box.bottom + TICK} />
          <text x={t.at} y={box.bottom + TICK + 12} textAnchor="middle">
            {t.label}
          </text>
        </g>
      ))}
      {label && (
        <text className="axis-label" x={(box.left + box.right) / 2} y={box.bottom + TICK + 30} textAnchor="middle">
          {label}
        </text>
      )}
    </g>
  );
}

/** Axis line, tick marks and labels left of the plot box; `label` rotated, at `labelX`. */
export function LeftAxis({ box, ticks, label, labelX = 12 }: { box: Box; ticks: readonly Tick[]; label?: string; labelX?: number }) {
  const mid = (box.top + box.bottom) / 2;
  return (
    <g className="chart-axis">
      <line x1={box.left} x2={box.left} y1={box.top} y2={box.bottom} />
      {ticks.map((t, i) => (
        <g key={i}>
          <line x1={box.left - TICK} x2={box.left} y1={t.at} y2={t.at} />
          <text x={box.left - TICK - 2} y={t.at} dy="0.32em" textAnchor="end">
            {t.label}
          </text>
        </g>
      ))}
      {label && (
        <text className="axis-label" x={labelX} y={mid} textAnchor="middle" transform={`rotate(-90 ${labelX} ${mid})`}>
          {label}
        </text>
      )}
    </g>
  );
}

/** A tooltip box positioned at (x, y) in the chart's pixels, kept inside the chart's width. */
export function ChartTip({ x, y, width, children }: { x: number; y: number; width: number; children: ReactNode }) {
  const flip = x > width * 0.6;
  return (
    <div className="chart-tip floating" style={flip ? { right: width - x + 12, top: y + 12 } : { left: x + 12, top: y + 12 }}>
      {children}
    </div>
  );
}
