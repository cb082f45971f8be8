import { memo, useMemo, useState } from 'react';
import { ComposedChart, XAxis, YAxis } from 'recharts';
import type { HistogramBin } from '../../worker/protocol';
import { type Axis, fixedAxis, niceLinear } from '../charts/axes';
import { FloatingTip } from '../charts/FloatingTip';
import { PlainTick } from '../charts/ticks';
import { useWidth } from '../charts/use-width';
import { type BarsLayer, BarsContext, type BinHover, HistogramBars } from './HistogramBars';

const HEIGHT = 190;
const MARGIN = { top: 36, right: 8, bottom: 4, left: 0 };
const TICK = <PlainTick format={String} />;
const X_LABEL = { value: 'test accuracy (%)', position: 'insideBottom', offset: 0 } as const;
const Y_LABEL = { value: 'cells', position: 'top', offset: 16 } as const;

/** The cell-count axis: linear from 0, recharts' nice ticks up to the tallest bin or above. */
export function countAxis(top: number): Axis {
  const { ticks } = niceLinear(0, Math.max(1, top), 5);
  const kept = ticks.filter((t) => t >= 0);
  return { domain: [0, Math.max(kept[kept.length - 1], top)], ticks: kept };
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
  const y = useMemo(() => countAxis(top), [top]);
  return (
    <ComposedChart width={width} height={HEIGHT} margin={MARGIN}>
      <XAxis {...fixedAxis(x)} dataKey="x" tick={TICK} tickMargin={8} height={50} label={X_LABEL} />
      <YAxis {...fixedAxis(y)} tick={TICK} width={52} label={Y_LABEL} />
      <HistogramBars />
    </ComposedChart>
  );
});

/**
 * Test accuracies of all cells (binned in the worker), with the bin of the
 * result marked; cell counts on a linear, labelled axis.
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
