/**
 * The histogram's bars: a layer inside the recharts chart, drawn with its
 * axis scales as two paths (the result's bin in red), with one transparent
 * overlay that finds the bin under the pointer. recharts' <Bar> would mount
 * some 90 bars with their own elements, cells and tooltip entries in the
 * task that draws the result card, past 50 ms on a 2-core machine.
 */
import { createContext, useContext } from 'react';
import { usePlotArea, useXAxisInverseScale, useXAxisScale, useYAxisScale } from 'recharts';
import type { HistogramBin } from '../../worker/protocol';
import type { TipAnchor } from '../charts/FloatingTip';

/** The bin under the pointer; the tip's anchor is the bin's middle, near the top of the plot. */
export interface BinHover extends TipAnchor {
  index: number;
}

export interface BarsLayer {
  bins: readonly HistogramBin[];
  mark: number;
  hover: number | null;
  onHover: (h: BinHover | null) => void;
}

export const BarsContext = createContext<BarsLayer | null>(null);

const hit = (b: HistogramBin, mark: number) => mark >= b.from && mark < b.to;

/** A child of the recharts chart: the bins of BarsContext on its axes (x: accuracy %, y: cells). */
export function HistogramBars() {
  const layer = useContext(BarsContext);
  const sx = useXAxisScale();
  const sy = useYAxisScale();
  const invert = useXAxisInverseScale();
  const area = usePlotArea();
  if (!layer || !sx || !sy || !invert || !area) return null;
  const { bins, mark, hover, onHover } = layer;
  const base = sy(0) ?? area.y + area.height;
  let grey = '';
  let red = '';
  for (const b of bins) {
    const x0 = sx(b.from);
    const x1 = sx(b.to);
    const y = sy(b.count);
    if (x0 === undefined || x1 === undefined || y === undefined || b.count === 0) continue;
    const d = `M${x0},${base}V${y}H${x1}V${base}Z`;
    if (hit(b, mark)) red += d;
    else grey += d;
  }
  const shown = hover === null ? undefined : bins[hover];
  const hx0 = shown && sx(shown.from);
  const hx1 = shown && sx(shown.to);
  return (
    <g className="bars">
      {hx0 !== undefined && hx1 !== undefined && (
        <rect x={hx0} y={area.y} width={hx1 - hx0} height={area.height} fill="#ccc" fillOpacity={0.5} />
      )}
      <path d={grey} fill="#9aa0a6" />
      <path d={red} fill="#d93025" />
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a pointer-only readout of the bin under the pointer; the heading states the result's bin */}
      <rect
        x={area.x}
        y={area.y}
        width={area.width}
        height={area.height}
        fill="transparent"
        onMouseMove={(e) => {
          const svg = e.currentTarget.ownerSVGElement;
          if (!svg) return;
          const px = e.clientX - svg.getBoundingClientRect().left;
          const v = Number(invert(px));
          const index = bins.findIndex((b) => v >= b.from && v < b.to);
          if (index === hover) return;
          if (index < 0) return onHover(null);
          const mid = sx((bins[index].from + bins[index].to) / 2) ?? px;
          onHover({ index, x: mid, y: area.y + 20, flip: mid > area.x + area.width * 0.6 });
        }}
        onMouseLeave={() => onHover(null)}
      />
    </g>
  );
}
