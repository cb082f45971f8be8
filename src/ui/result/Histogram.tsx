import { memo, useMemo, useState } from 'react';
import type { HistogramBin } from '../../worker/protocol';
import { BottomAxis, ChartTip, LeftAxis, tickStep, ticksIn, useWidth, type Box } from '../charts/svg';

const HEIGHT = 170;
/** Plot box insets: margins (4, 8, 4, 0) plus a 44 px y axis and a 30 px x axis. */
const INSET = { top: 4, right: 8, bottom: 34, left: 44 };
/** Every tenth bin is labelled. */
const LABEL_EVERY = 10;
/** y tick labels closer than this (px) to the one above are dropped (the sqrt scale crowds the low ones). */
const MIN_TICK_GAP = 14;

/**
 * Test accuracies of all cells (binned in the worker), with the bin of the
 * result marked; counts on a square-root scale.
 */
export const Histogram = memo(function Histogram({ bins, mark, name }: { bins: HistogramBin[]; mark: number; name: string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);
  const max = useMemo(() => bins.reduce((m, b) => Math.max(m, b.count), 0), [bins]);
  const box: Box = {
    left: INSET.left,
    right: Math.max(INSET.left + 1, width - INSET.right),
    top: INSET.top,
    bottom: HEIGHT - INSET.bottom,
  };
  const top = max > 0 ? max : 1;
  const sy = (v: number) => box.bottom - (box.bottom - box.top) * Math.sqrt(v / top);
  const band = (box.right - box.left) / Math.max(1, bins.length);
  const yTicks = useMemo(() => {
    const kept: { at: number; label: string }[] = [];
    const all = ticksIn(0, top, tickStep(0, top, 5));
    // From the top down, as recharts' "preserveEnd" kept the largest.
    for (let i = all.length - 1; i >= 0; i--) {
      const at = box.bottom - (box.bottom - box.top) * Math.sqrt(all[i] / top);
      if (kept.length === 0 || at - kept[kept.length - 1].at >= MIN_TICK_GAP) kept.push({ at, label: String(all[i]) });
    }
    return kept;
  }, [top, box.bottom, box.top]);
  const xTicks = bins.flatMap((b, i) => (i % LABEL_EVERY === 0 ? [{ at: box.left + band * (i + 0.5), label: b.from.toFixed(0) }] : []));
  const hit = (b: HistogramBin) => mark >= b.from && mark < b.to;
  const tip = hover !== null ? bins[hover] : undefined;
  return (
    <div className="chart histogram" data-testid="histogram">
      <h3>
        {name} test accuracy of all cells — result at {mark.toFixed(2)} %
      </h3>
      <div className="chart-area" ref={ref} style={{ height: HEIGHT }}>
        {width > 0 && (
          <svg width={width} height={HEIGHT} className="chart-svg">
            <BottomAxis box={box} ticks={xTicks} />
            <LeftAxis box={box} ticks={yTicks} />
            {hover !== null && (
              <rect
                className="hover-band"
                x={box.left + band * hover}
                y={box.top}
                width={band}
                height={box.bottom - box.top}
                fill="#ccc"
                fillOpacity={0.5}
              />
            )}
            {bins.map((b, i) => {
              const y = sy(b.count);
              return (
                <rect key={i} x={box.left + band * i} y={y} width={band} height={box.bottom - y} fill={hit(b) ? '#d93025' : '#9aa0a6'} />
              );
            })}
            {/* One transparent overlay finds the bin under the pointer (no per-bin hit targets to lay out). */}
            <rect
              className="hover-target"
              x={box.left}
              y={box.top}
              width={box.right - box.left}
              height={box.bottom - box.top}
              fill="transparent"
              onMouseMove={(e) => {
                const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
                const i = Math.floor(x / band);
                setHover(i >= 0 && i < bins.length ? i : null);
              }}
              onMouseLeave={() => setHover(null)}
            />
          </svg>
        )}
        {tip && hover !== null && (
          <ChartTip x={box.left + band * (hover + 0.5)} y={box.top + 20} width={width}>
            <div>{tip.from.toFixed(0)} %</div>
            <div>cells : {tip.count}</div>
          </ChartTip>
        )}
      </div>
    </div>
  );
});
