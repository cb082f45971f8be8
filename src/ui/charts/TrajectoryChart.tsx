import { memo, useMemo, useState } from 'react';
import { ComposedChart, XAxis, YAxis } from 'recharts';
import { type RoundView, trajectory } from '../../store/run/rounds';
import { useStore } from '../../store/store';
import { fmt } from '../format';
import { useAnimationMs } from './animation';
import { type Axis, fixedAxis, niceLinear, niceLog, tickLabel } from './axes';
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

/** The rounds R1, R2, … and after the last one "cell": the searched cell. */
function xTick(total: number) {
  return <PlainTick format={(v) => (v > total ? 'cell' : `R${v}`)} />;
}

/** The recharts chart: axes and grid; re-rendered only when an axis changes. */
const Frame = memo(function Frame({ width, x, y, log, total }: { width: number; x: Axis; y: Axis; log: boolean; total: number }) {
  const roundTick = useMemo(() => xTick(total), [total]);
  return (
    <ComposedChart width={width} height={HEIGHT} margin={MARGIN}>
      <XAxis {...fixedAxis(x)} dataKey="x" padding={X_PADDING} tick={roundTick} tickMargin={8} />
      <YAxis {...fixedAxis(y)} scale={log ? 'log' : 'linear'} tick={log ? LOG_TICK : LINEAR_TICK} width={56} />
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
  /** The searched cell's value, once measured (drawn after the last round). */
  final?: number | null;
}

/** One metric of the supernet per round: mean line and min–max band over the round's candidates. */
export const MetricChart = memo(function MetricChart({
  title,
  metric,
  rounds,
  throttleMs,
  color,
  testId,
  log = false,
  final = null,
}: MetricProps) {
  const streaming = useStore((s) => s.run.status === 'running');
  // Redrawn every few seconds while a search streams in; at once when a round ends or the search stops.
  const phase = `${streaming ? 'streaming' : 'stopped'} ${rounds.filter((r) => r.end).length}`;
  const shown = useChartUpdate(rounds, throttleMs, phase);
  const rows = useMemo<TrajectoryRow[]>(
    () => trajectory(shown).map((p) => ({ round: p.round + 1, mean: p[metric].mean, min: p[metric].min, max: p[metric].max })),
    [shown, metric],
  );
  const total = roundsOfSearch(shown);
  // The rounds and, after them, the searched cell: its slot is there from the start, so the axis never moves.
  const x = useMemo<Axis>(() => ({ domain: [1, total + 1], ticks: Array.from({ length: total + 1 }, (_, i) => i + 1) }), [total]);
  // One y axis per run, growing as its rounds come in.
  const axisKey = shown[0]?.candidates ?? null;
  const values = useMemo(() => [...rows.flatMap((r) => [r.min, r.max]), ...(final === null ? [] : [final])], [rows, final]);
  const y = useGrowingAxis(axisKey, values, log ? niceLog : niceLinear);
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<RowHover | null>(null);
  // A new round's point, a round ranked and the searched cell animate; a round's band widening as it streams in does not.
  const ms = useAnimationMs(`${rows.length} ${shown.filter((r) => r.end).length} ${final ?? ''}`);
  const marks = useMemo<TrajectoryMarks>(
    () => ({ rows, color, ms, onHover: setHover, final: final === null ? null : { x: total + 1, value: final } }),
    [rows, color, ms, final, total],
  );
  const tip = hover && rows.find((r) => r.round === hover.row.round);
  return (
    <div className="chart trajectory" data-testid={testId} data-points={rows.length} data-final={final ?? ''}>
      <h3>{title}</h3>
      <div className="chart-area" ref={ref} style={{ height: HEIGHT }}>
        {width > 0 && (
          <TrajectoryContext.Provider value={marks}>
            <Frame width={width} x={x} y={y} log={log} total={total} />
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
