/**
 * A trajectory's marks: a layer inside the recharts chart, drawn with its
 * axis scales: the min–max band, the mean line and one dot per round (kept
 * from update to update, so they glide with a CSS transition when the axis
 * grows). Not recharts' <Area> / <Line>: their data changes go through the
 * chart's store and re-render it synchronously; here an update re-renders
 * this layer alone.
 */
import { createContext, useContext } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import { fmt } from '../format';
import type { TipAnchor } from './FloatingTip';

export interface TrajectoryRow {
  /** Round number, from 1. */
  round: number;
  mean: number;
  min: number;
  max: number;
}

export interface RowHover extends TipAnchor {
  row: TrajectoryRow;
}

export interface TrajectoryMarks {
  rows: readonly TrajectoryRow[];
  color: string;
  /** CSS transition duration. */
  ms: number;
  onHover: (h: RowHover | null) => void;
  /** The searched cell's value at x (after the last round), once measured. */
  final: { x: number; value: number } | null;
}

export const TrajectoryContext = createContext<TrajectoryMarks | null>(null);

/** A child of the recharts chart: the rows of TrajectoryContext on its axes (x: round, y: the metric). */
export function TrajectoryLayer() {
  const marks = useContext(TrajectoryContext);
  const sx = useXAxisScale();
  const sy = useYAxisScale();
  const area = usePlotArea();
  if (!marks || !sx || !sy || !area) return null;
  const at = marks.rows.flatMap((r) => {
    const x = sx(r.round);
    const y = sy(r.mean);
    const lo = sy(r.min);
    const hi = sy(r.max);
    return x === undefined || y === undefined || lo === undefined || hi === undefined ? [] : [{ r, x, y, lo, hi }];
  });
  const line = at.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join('');
  const band =
    at.length === 0
      ? ''
      : `${at.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.hi}`).join('')}${at
          .map((p) => `L${p.x},${p.lo}`)
          .reverse()
          .join('')}Z`;
  const transition = `d ${marks.ms}ms ease-in-out`;
  const right = area.x + area.width * 0.6;
  const fx = marks.final ? sx(marks.final.x) : undefined;
  const fy = marks.final ? sy(marks.final.value) : undefined;
  const last = at[at.length - 1];
  return (
    <g className="trajectory-marks">
      <path d={band} fill={marks.color} fillOpacity={0.2} stroke="none" style={{ transition }} />
      <path d={line} fill="none" stroke={marks.color} strokeWidth={2} style={{ transition }} />
      {at.map((p) => (
        // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a focusable, labelled image of one round's values; focus shows its tip as hover does
        <g
          key={p.r.round}
          role="img"
          tabIndex={0}
          aria-label={`R${p.r.round}: mean ${fmt(p.r.mean)}, min ${fmt(p.r.min)}, max ${fmt(p.r.max)}`}
          style={{ transform: `translate(${p.x}px, ${p.y}px)`, transition: `transform ${marks.ms}ms ease-in-out` }}
          onMouseEnter={() => marks.onHover({ row: p.r, x: p.x, y: p.y, flip: p.x > right })}
          onMouseLeave={() => marks.onHover(null)}
          onFocus={() => marks.onHover({ row: p.r, x: p.x, y: p.y, flip: p.x > right })}
          onBlur={() => marks.onHover(null)}
        >
          <circle className="fade-in" r={4} fill="#fff" stroke={marks.color} strokeWidth={2} />
        </g>
      ))}
      {marks.final && fx !== undefined && fy !== undefined && (
        <g className="final-cell">
          {last && <path d={`M${last.x},${last.y}L${fx},${fy}`} fill="none" stroke={marks.color} strokeWidth={2} strokeDasharray="4 3" />}
          <rect x={fx - 6} y={fy - 6} width={12} height={12} transform={`rotate(45 ${fx} ${fy})`} fill={marks.color} stroke="#fff">
            <title>{`the searched cell: ${fmt(marks.final.value)}`}</title>
          </rect>
        </g>
      )}
    </g>
  );
}
