import { memo, useMemo, useState } from 'react';
import { ComposedChart, XAxis, YAxis } from 'recharts';
import type { HistogramBin } from '../../worker/protocol';
import { type Axis, niceLinear } from '../charts/axes';
import { FloatingTip } from '../charts/FloatingTip';
import { PlainTick } from '../charts/ticks';
import { useWidth } from '../charts/use-width';
import { type BarsLayer, BarsContext, type BinHover, HistogramBars } from './HistogramBars';

const HEIGHT = 170;
const MARGIN = { top: 4, right: 8, bottom: 4, left: 0 };
/** Height of the plot box: the chart less its margins and the x axis (recharts' default 30 px). */
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom - 30;
/** y tick labels closer than this (px) to the one above are dropped (the square-root scale crowds the high ones). */
const MIN_TICK_GAP = 14;
const TICK = <PlainTick format={String} />;

/** recharts' nice ticks over [0, top] that fit on the square-root scale, kept from the top down. */
export function sqrtTicks(top: number): number[] {
  const kept: number[] = [];
  const at = (v: number) => PLOT_HEIGHT * (1 - Math.sqrt(v / top));
  const all = niceLinear(0, top).ticks.filter((t) => t >= 0 && t <= top);
  for (let i = all.length - 1; i >= 0; i--) {
    if (kept.length === 0 || at(all[i]) - at(kept[kept.length - 1]) >= MIN_TICK_GAP) kept.push(all[i]);
  }
  return kept.reverse();
}

/** The accuracy axis: the bins' range, with recharts' nice ticks inside it (every 10 % for NAS-Bench-201). */
function accuracyAxis(bins: readonly HistogramBin[]): Axis {
  if (bins.length === 0) return { domain: [0, 100], ticks: [0, 50, 100] };
  const lo = bins[0].from;
  const hi = bins[bins.length - 1].to;
  return { domain: [lo, hi], ticks: niceLinear(lo, hi, 10).ticks.filter((t) => t >= lo && t <= hi) };
}

/** The recharts chart: the two axes and the bars' layer; re-rendered only for new bins. */
const Frame = memo(function Frame({ width, x, top }: { width: number; x: Axis; top: number }) {
  const yTicks = useMemo(() => sqrtTicks(top), [top]);
  const yDomain = useMemo(() => [0, top], [top]);
  return (
    <ComposedChart width={width} height={HEIGHT} margin={MARGIN}>
      <XAxis type="number" dataKey="x" domain={x.domain} ticks={x.ticks} interval={0} niceTicks="none" allowDataOverflow tick={TICK} />
      <YAxis
        type="number"
        scale="sqrt"
        domain={yDomain}
        ticks={yTicks}
        interval={0}
        niceTicks="none"
        allowDataOverflow
        tick={TICK}
        width={44}
      />
      <HistogramBars />
    </ComposedChart>
  );
});

/**
 * Test accuracies of all cells (binned in the worker), with the bin of the
 * result marked; counts on a square-root scale.
 */
export const Histogram = memo(function Histogram({ bins, mark, name }: { bins: HistogramBin[]; mark: number; name: string }) {
  const x = useMemo(() => accuracyAxis(bins), [bins]);
  const top = Math.max(1, ...bins.map((b) => b.count));
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<BinHover | null>(null);
  const layer = useMemo<BarsLayer>(() => ({ bins, mark, hover: hover?.index ?? null, onHover: setHover }), [bins, mark, hover]);
  const tip = hover ? bins[hover.index] : undefined;
  return (
    <div className="chart histogram" data-testid="histogram">
      <h3>
        {name} test accuracy of all cells — result at {mark.toFixed(2)} %
      </h3>
      <div className="chart-area" ref={ref} style={{ height: HEIGHT }}>
        {width > 0 && (
          <BarsContext.Provider value={layer}>
            <Frame width={width} x={x} top={top} />
          </BarsContext.Provider>
        )}
        {hover && tip && (
          <FloatingTip at={hover}>
            <div>{tip.from.toFixed(0)} %</div>
            <div>cells : {tip.count}</div>
          </FloatingTip>
        )}
      </div>
    </div>
  );
});
