import { memo, useMemo, useState } from 'react';
import type { RoundView } from '../../store/rounds';
import { OP_COLORS, OP_SHORT, candidateLabel, fmt } from '../format';
import { candidateKappaProblem } from '../../store/numeric';
import { useStore } from '../../store/store';
import { useAnimationMs, useThrottled } from '../hooks';
import { BottomAxis, ChartTip, Grid, LeftAxis, linear, niceAxis, useWidth, type Box } from './svg';

interface Point {
  x: number;
  y: number;
  label: string;
  op: number;
  pruned: boolean;
  rankSum: number | null;
}

/** Candidates not plotted because their κ is undefined (see store/numeric.ts). */
function undefinedKappa(r: RoundView | null): { label: string; why: string }[] {
  if (!r) return [];
  return r.measured.flatMap((c) => {
    const why = candidateKappaProblem(c);
    return why ? [{ label: candidateLabel(c.edge, c.op), why }] : [];
  });
}

function points(r: RoundView | null): Point[] {
  if (!r) return [];
  return r.measured
    .filter((c) => candidateKappaProblem(c) === null)
    .map((c) => {
      const ranked = r.end?.ranked.find((k) => k.edge === c.edge && k.op === c.op);
      return {
        x: c.deltaKappa.mean,
        y: c.deltaRegions.mean,
        label: candidateLabel(c.edge, c.op),
        op: c.op,
        pruned: ranked?.pruned ?? false,
        rankSum: ranked?.rankSum ?? null,
      };
    })
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
}

function TipContent({ p }: { p: Point }) {
  return (
    <>
      <strong>remove {p.label}</strong>
      <div>Δκ_N {fmt(p.x)}</div>
      <div>ΔR_N {fmt(p.y)}</div>
      {p.rankSum !== null && (
        <div>
          rank sum {p.rankSum}
          {p.pruned ? ' — pruned' : ''}
        </div>
      )}
    </>
  );
}

const HEIGHT = 300;
/** Plot box insets: margins as before (16, 24, 28, 8) plus a 60 px y axis and a 30 px x axis. */
const INSET = { top: 16, right: 24, bottom: 58, left: 68 };

/** Every measured candidate of one round: x = Δκ_N, y = ΔR_N; pruned ones ringed in red. */
export const TradeoffChart = memo(function TradeoffChart({ round }: { round: RoundView | null }) {
  const ms = useAnimationMs();
  const streaming = useStore((s) => s.run.status === 'running');
  // While a search streams in, redraw at most every 0.8 s (in a task of its own); at once on a new round or when stopped.
  const shown = useThrottled(round, 800, `${streaming ? 'streaming' : 'stopped'} ${round?.round ?? -1} ${round?.end ? 'ranked' : ''}`);
  const data = useMemo(() => points(shown), [shown]);
  const degenerate = useMemo(() => undefinedKappa(shown), [shown]);
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<Point | null>(null);
  const xAxis = useMemo(() => niceAxis(data.map((p) => p.x)), [data]);
  const yAxis = useMemo(() => niceAxis(data.map((p) => p.y)), [data]);
  const box: Box = {
    left: INSET.left,
    right: Math.max(INSET.left + 1, width - INSET.right),
    top: INSET.top,
    bottom: HEIGHT - INSET.bottom,
  };
  const sx = linear(xAxis.domain, [box.left, box.right]);
  const sy = linear(yAxis.domain, [box.bottom, box.top]);
  const xTicks = xAxis.ticks.map((v) => ({ at: sx(v), label: fmt(v, 2) }));
  const yTicks = yAxis.ticks.map((v) => ({ at: sy(v), label: fmt(v, 2) }));
  const within = (v: number, [lo, hi]: [number, number]) => v >= lo && v <= hi;
  const shownTip = hover && data.find((p) => p.label === hover.label);
  return (
    <div className="chart tradeoff" data-testid="tradeoff-chart" data-points={data.length}>
      <div className="chart-area" ref={ref} style={{ height: HEIGHT }}>
        {width > 0 && (
          <svg width={width} height={HEIGHT} className="chart-svg" style={{ ['--chart-ms' as string]: `${ms}ms` }}>
            <Grid box={box} xs={xTicks.map((t) => t.at)} ys={yTicks.map((t) => t.at)} />
            <BottomAxis box={box} ticks={xTicks} label="Δκ_N  (→ removing it lowers κ: prune)" />
            <LeftAxis box={box} ticks={yTicks} label="ΔR_N (↓ prune)" labelX={16} />
            {within(0, xAxis.domain) && <line className="reference" x1={sx(0)} x2={sx(0)} y1={box.top} y2={box.bottom} />}
            {within(0, yAxis.domain) && <line className="reference" x1={box.left} x2={box.right} y1={sy(0)} y2={sy(0)} />}
            <g className={ms > 0 ? 'points animated' : 'points'}>
              {data.map((p) => (
                <g
                  key={p.label}
                  className={p.pruned ? 'dot pruned' : 'dot'}
                  style={{ transform: `translate(${sx(p.x)}px, ${sy(p.y)}px)` }}
                  onMouseEnter={() => setHover(p)}
                  onMouseLeave={() => setHover(null)}
                >
                  {p.pruned && <circle r={10} fill="none" stroke="#d93025" strokeWidth={3} />}
                  <circle r={6} fill={OP_COLORS[p.op]} fillOpacity={0.85} />
                  <text x={12} y={4} className="point-label">
                    {p.label}
                  </text>
                </g>
              ))}
            </g>
          </svg>
        )}
        {shownTip && (
          <ChartTip x={sx(shownTip.x)} y={sy(shownTip.y)} width={width}>
            <TipContent p={shownTip} />
          </ChartTip>
        )}
      </div>
      {degenerate.length > 0 && (
        <p className="degenerate-note" data-testid="degenerate-note" data-count={degenerate.length}>
          Not plotted, κ undefined (ranked with the official code's mapped values):{' '}
          {degenerate.map((d) => `${d.label} — ${d.why}`).join('; ')}
        </p>
      )}
      <div className="legend">
        {[1, 2, 3, 4].map((op) => (
          <span key={op}>
            <i style={{ background: OP_COLORS[op] }} /> {OP_SHORT[op]}
          </span>
        ))}
        <span>
          <i className="ring" /> pruned this round
        </span>
      </div>
    </div>
  );
});
