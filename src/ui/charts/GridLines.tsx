/**
 * Dashed grid lines at the given ticks and solid reference lines (at 0), drawn
 * with the recharts chart's scales inside its plot area: one small layer in
 * place of <CartesianGrid> and <ReferenceLine>, which register in the chart's
 * store and add to every redraw of the axes.
 */
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';

interface Props {
  xs?: readonly number[];
  ys?: readonly number[];
  /** Values where a solid reference line crosses the plot (when inside it). */
  xRefs?: readonly number[];
  yRefs?: readonly number[];
}

export function GridLines({ xs = [], ys = [], xRefs = [], yRefs = [] }: Props) {
  const sx = useXAxisScale();
  const sy = useYAxisScale();
  const area = usePlotArea();
  if (!sx || !sy || !area) return null;
  const left = area.x;
  const right = area.x + area.width;
  const top = area.y;
  const bottom = area.y + area.height;
  const inside = (v: number | undefined, lo: number, hi: number): v is number => v !== undefined && v >= lo - 0.5 && v <= hi + 0.5;
  const vertical = (values: readonly number[]) => values.map((v) => sx(v)).filter((x) => inside(x, left, right));
  const horizontal = (values: readonly number[]) => values.map((v) => sy(v)).filter((y) => inside(y, top, bottom));
  const grid = [...vertical(xs).map((x) => `M${x},${top}V${bottom}`), ...horizontal(ys).map((y) => `M${left},${y}H${right}`)].join('');
  const refs = [...vertical(xRefs).map((x) => `M${x},${top}V${bottom}`), ...horizontal(yRefs).map((y) => `M${left},${y}H${right}`)].join(
    '',
  );
  return (
    <g className="grid-lines">
      <path d={grid} fill="none" stroke="#ccc" strokeDasharray="3 3" />
      {refs && <path d={refs} fill="none" stroke="#888" />}
    </g>
  );
}
