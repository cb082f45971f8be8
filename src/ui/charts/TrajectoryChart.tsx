import { memo, useMemo, useState } from 'react';
import { ComposedChart, XAxis, YAxis } from 'recharts';
import { type RoundView, trajectory } from '../../store/rounds';
import { useStore } from '../../store/store';
import { fmt } from '../format';
import { SPEED_MS } from './animation';
import { type Axis, niceLinear, niceLog, tickLabel } from './axes';
import { FloatingTip } from './FloatingTip';
import { GridLines } from './GridLines';
import { PlainTick } from './ticks';
import { type RowHover, TrajectoryContext, TrajectoryLayer, type TrajectoryMarks, type TrajectoryRow } from './TrajectoryLayer';
import { useChartUpdate } from './use-chart-update';
import { useGrowingAxis } from './use-growing-axis';
import { useWidth } from './use-width';

const HEIGHT = 150;
const MARGIN = { top: 8, right: 16, bottom: 4, left: 8 };
const X_PADDING = { left: 16, right: 16 };
const roundLabel = (v: number) => `R${v}`;
const X_TICK = <PlainTick format={roundLabel} />;
const LINEAR_TICK = <PlainTick format={(v) => tickLabel(v)} />;
const LOG_TICK = <PlainTick format={(v) => tickLabel(v, true)} />;

/**
 * The number of rounds of the search the rounds belong to: one op pruned
 * per edge and round until one is left, so the first round's candidates per
 * edge, less one (3 in NAS-Bench-201).
 */
function roundsOfSearch(rounds: readonly RoundView[]): number {
  const first = rounds[0];
  if (!first) return 3;
  const perEdge = new Map<number, number>();
  for (const c of first.candidates) perEdge.set(c.edge, (perEdge.get(c.edge) ?? 0) + 1);
  return Math.max(first.round + Math.max(0, ...perEdge.values()) - 1, rounds.length, 1);
}

/** The recharts chart: axes and grid; re-rendered only when an axis changes. */
const Frame = memo(function Frame({ width, x, y, log }: { width: number; x: Axis; y: Axis; log: boolean }) {
  return (
    <ComposedChart width={width} height={HEIGHT} margin={MARGIN}>
      <XAxis
        type="number"
        dataKey="x"
        domain={x.domain}
        ticks={x.ticks}
        interval={0}
        niceTicks="none"
        allowDataOverflow
        padding={X_PADDING}
        tick={X_TICK}
      />
      <YAxis
        type="number"
        scale={log ? 'log' : 'linear'}
        domain={y.domain}
        ticks={y.ticks}
        interval={0}
        niceTicks="none"
        allowDataOverflow
        tick={log ? LOG_TICK : LINEAR_TICK}
        width={56}
      />
      <GridLines xs={x.ticks} ys={y.ticks} />
      <TrajectoryLayer />
    </ComposedChart>
  );
});

export interface MetricProps {
  title: string;
  metric: 'kappa' | 'regions';
  rounds: RoundView[];
  /** Redraw interval while streaming. */
  throttleMs: number;
  color: string;
  testId: string;
  /** A logarithmic y axis (κ_N spans 10² to 3·10⁴). */
  log?: boolean;
}

/** One metric of the supernet per round: mean line and min–max band over the round's candidates. */
export const MetricChart = memo(function MetricChart({ title, metric, rounds, throttleMs, color, testId, log = false }: MetricProps) {
  const streaming = useStore((s) => s.run.status === 'running');
  const speed = useStore((s) => s.params.speed);
  // Redrawn every few seconds while a search streams in; at once when a round ends or the search stops.
  const phase = `${streaming ? 'streaming' : 'stopped'} ${rounds.filter((r) => r.end).length}`;
  const shown = useChartUpdate(rounds, throttleMs, phase);
  const rows = useMemo<TrajectoryRow[]>(
    () => trajectory(shown).map((p) => ({ round: p.round + 1, mean: p[metric].mean, min: p[metric].min, max: p[metric].max })),
    [shown, metric],
  );
  const total = roundsOfSearch(shown);
  const x = useMemo<Axis>(() => ({ domain: [1, total], ticks: Array.from({ length: total }, (_, i) => i + 1) }), [total]);
  // One y axis per run, growing as its rounds come in.
  const axisKey = shown[0]?.candidates ?? null;
  const values = useMemo(() => rows.flatMap((r) => [r.min, r.max]), [rows]);
  const y = useGrowingAxis(axisKey, values, log ? niceLog : niceLinear);
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<RowHover | null>(null);
  const marks = useMemo<TrajectoryMarks>(() => ({ rows, color, ms: SPEED_MS[speed], onHover: setHover }), [rows, color, speed]);
  const tip = hover && rows.find((r) => r.round === hover.row.round);
  return (
    <div className="chart trajectory" data-testid={testId} data-points={rows.length}>
      <h3>{title}</h3>
      <div className="chart-area" ref={ref} style={{ height: HEIGHT }}>
        {width > 0 && (
          <TrajectoryContext.Provider value={marks}>
            <Frame width={width} x={x} y={y} log={log} />
          </TrajectoryContext.Provider>
        )}
        {hover && tip && (
          <FloatingTip at={hover}>
            <strong>R{tip.round}</strong>
            <div>mean {fmt(tip.mean)}</div>
            <div>
              min–max {fmt(tip.min)} – {fmt(tip.max)}
            </div>
          </FloatingTip>
        )}
      </div>
    </div>
  );
});
