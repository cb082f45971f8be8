import { memo, useMemo, useRef, useState } from 'react';
import { ScatterChart, XAxis, YAxis } from 'recharts';
import type { RoundView } from '../../store/run/rounds';
import { useStore } from '../../store/store';
import { fmt, OP_COLORS, OP_SHORT, rankSumFrom1 } from '../format';
import { useChartUpdate } from './use-chart-update';
import { useAnimationMs } from './animation';
import { type Axis, fixedAxis, niceLinear, tickLabel } from './axes';
import { CandidatePoints, type Hover, PointsContext, type PointsLayer } from './CandidatePoints';
import { FloatingTip } from './FloatingTip';
import { GridLines } from './GridLines';
import { PlainTick } from './ticks';
import { keepUnchanged, type TradeoffPoint, tradeoffPoints, undefinedKappa } from './tradeoff-points';
import { useGrowingAxis } from './use-growing-axis';
import { useWidth } from './use-width';

const HEIGHT = 300;
const MARGIN = { top: 16, right: 24, bottom: 28, left: 8 };
const ZERO = [0];
const format = (v: number) => tickLabel(v);
const TICK = <PlainTick format={format} />;
const X_LABEL = { value: 'Δκ_N  (→ removing it lowers κ: prune)', position: 'insideBottom', offset: -16 } as const;
const Y_LABEL = { value: 'ΔR_N (↓ prune)', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } } as const;

function TipContent({ p }: { p: TradeoffPoint }) {
  return (
    <>
      <strong>remove {p.label}</strong>
      {p.pending && <div>not measured yet this round; round {p.round + 1}:</div>}
      <div>Δκ_N {fmt(p.x)}</div>
      <div>ΔR_N {fmt(p.y)}</div>
      {p.rankSum !== null && (
        <div>
          rank sum {rankSumFrom1(p.rankSum)}
          {p.pruned ? ' — pruned' : ''}
        </div>
      )}
    </>
  );
}

/** The recharts chart: axes, grid, reference lines at 0 and the points; re-rendered only when an axis changes. */
const Frame = memo(function Frame({ width, x, y }: { width: number; x: Axis; y: Axis }) {
  return (
    <ScatterChart width={width} height={HEIGHT} margin={MARGIN}>
      <XAxis {...fixedAxis(x)} dataKey="x" tick={TICK} tickMargin={8} label={X_LABEL} />
      <YAxis {...fixedAxis(y)} tick={TICK} width={60} label={Y_LABEL} />
      <GridLines xs={x.ticks} ys={y.ticks} xRefs={ZERO} yRefs={ZERO} />
      <CandidatePoints />
    </ScatterChart>
  );
});

interface Props {
  round: RoundView | null;
  /** The round before `round`: where its candidates not yet measured (and those it pruned) are drawn. */
  previous: RoundView | null;
}

/** Every measured candidate of one round: x = Δκ_N, y = ΔR_N; pruned ones ringed in red. */
export const TradeoffChart = memo(function TradeoffChart({ round, previous }: Props) {
  const streaming = useStore((s) => s.run.status === 'running');
  const input = useMemo(() => ({ round, previous }), [round, previous]);
  // While a search streams in, redraw at most every 0.8 s (in a task of its own); at once on a new round or when stopped.
  const phase = `${streaming ? 'streaming' : 'stopped'} ${round?.round ?? -1} ${round?.end ? 'ranked' : ''}`;
  const shown = useChartUpdate(input, 800, phase);
  const drawn = useRef<TradeoffPoint[]>([]);
  const data = useMemo(() => {
    drawn.current = keepUnchanged(drawn.current, tradeoffPoints(shown.round, shown.previous));
    return drawn.current;
  }, [shown]);
  const degenerate = useMemo(() => undefinedKappa(shown.round), [shown]);
  // Axes fixed per round as it streams in: they only grow (each change redraws the recharts chart).
  const axisKey = shown.round?.candidates ?? null;
  const xs = useMemo(() => data.flatMap((p) => (p.leaving ? [] : [p.x])), [data]);
  const ys = useMemo(() => data.flatMap((p) => (p.leaving ? [] : [p.y])), [data]);
  const xAxis = useGrowingAxis(axisKey, xs, niceLinear);
  const yAxis = useGrowingAxis(axisKey, ys, niceLinear);
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<Hover | null>(null);
  const ms = useAnimationMs(`${shown.round?.round ?? -1} ${shown.round?.end ? 'ranked' : ''}`);
  const layer = useMemo<PointsLayer>(() => ({ points: data, ms, onHover: setHover }), [data, ms]);
  const tip = hover && data.find((p) => p.key === hover.point.key && !p.leaving);
  const measured = data.filter((p) => !p.pending && !p.leaving).length;
  return (
    <div className="chart tradeoff" data-testid="tradeoff-chart" data-points={measured}>
      <div className="chart-area" ref={ref} style={{ height: HEIGHT }}>
        {width > 0 && (
          <PointsContext.Provider value={layer}>
            <Frame width={width} x={xAxis} y={yAxis} />
          </PointsContext.Provider>
        )}
        {hover && tip && (
          <FloatingTip at={hover}>
            <TipContent p={tip} />
          </FloatingTip>
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
        <span>
          <i style={{ background: 'transparent', border: '1px dashed #888' }} /> not measured yet (where the previous round put it)
        </span>
      </div>
    </div>
  );
});
