import { memo, useMemo } from 'react';
import { trajectory, type RoundView, type TrajectoryPoint } from '../../store/rounds';
import { useStore } from '../../store/store';
import { fmt } from '../format';
import { useAnimationMs, useRounds, useThrottled } from '../hooks';
import { BottomAxis, Grid, LeftAxis, linear, niceAxis, useWidth, type Box } from './svg';

interface Row {
  round: string;
  mean: number;
  band: [number, number];
}

const HEIGHT = 150;
/** Plot box insets: margins (8, 16, 4, 8) plus a 56 px y axis and a 30 px x axis. */
const INSET = { top: 8, right: 16, bottom: 34, left: 64 };

/** x positions of `n` categories spread over [left, right], ends included (one category: the middle). */
function pointScale(n: number, left: number, right: number): (i: number) => number {
  if (n <= 1) return () => (left + right) / 2;
  return (i) => left + ((right - left) * i) / (n - 1);
}

interface MetricProps {
  title: string;
  metric: 'kappa' | 'regions';
  rounds: RoundView[];
  /** Redraw interval while streaming; the two charts use different ones so they redraw in separate tasks. */
  throttleMs: number;
  color: string;
  testId: string;
}

const MetricChart = memo(function MetricChart({ title, metric, rounds, throttleMs, color, testId }: MetricProps) {
  const ms = useAnimationMs();
  const streaming = useStore((s) => s.run.status === 'running');
  // Redrawn every few seconds while a search streams in; at once when a round ends or the search stops.
  const phase = `${streaming ? 'streaming' : 'stopped'} ${rounds.filter((r) => r.end).length}`;
  const shown = useThrottled(rounds, throttleMs, phase);
  const rows = useMemo<Row[]>(
    () =>
      trajectory(shown).map((p: TrajectoryPoint) => ({
        round: `R${p.round + 1}`,
        mean: p[metric].mean,
        band: [p[metric].min, p[metric].max],
      })),
    [shown, metric],
  );
  const [ref, width] = useWidth<HTMLDivElement>();
  const yAxis = useMemo(() => niceAxis(rows.flatMap((r) => [r.mean, ...r.band])), [rows]);
  const box: Box = {
    left: INSET.left,
    right: Math.max(INSET.left + 1, width - INSET.right),
    top: INSET.top,
    bottom: HEIGHT - INSET.bottom,
  };
  const sx = pointScale(rows.length, box.left, box.right);
  const sy = linear(yAxis.domain, [box.bottom, box.top]);
  const xTicks = rows.map((r, i) => ({ at: sx(i), label: r.round }));
  const yTicks = yAxis.ticks.map((v) => ({ at: sy(v), label: fmt(v, 1) }));
  const line = rows.map((r, i) => `${i === 0 ? 'M' : 'L'}${sx(i)},${sy(r.mean)}`).join('');
  const band =
    rows.length === 0
      ? ''
      : `${rows.map((r, i) => `${i === 0 ? 'M' : 'L'}${sx(i)},${sy(r.band[1])}`).join('')}${rows
          .map((r, i) => `L${sx(i)},${sy(r.band[0])}`)
          .reverse()
          .join('')}Z`;
  return (
    <div className="chart trajectory" data-testid={testId} data-points={rows.length}>
      <h3>{title}</h3>
      <div className="chart-area" ref={ref} style={{ height: HEIGHT }}>
        {width > 0 && (
          <svg
            width={width}
            height={HEIGHT}
            className={ms > 0 ? 'chart-svg animated' : 'chart-svg'}
            style={{ ['--chart-ms' as string]: `${ms}ms` }}
          >
            <Grid box={box} xs={xTicks.map((t) => t.at)} ys={yTicks.map((t) => t.at)} />
            <BottomAxis box={box} ticks={xTicks} />
            <LeftAxis box={box} ticks={yTicks} />
            {rows.length > 0 && (
              <>
                <path className="band" d={band} fill={color} fillOpacity={0.2} stroke="none" />
                <path className="mean" d={line} fill="none" stroke={color} strokeWidth={2} />
                {rows.map((r, i) => (
                  <circle
                    key={r.round}
                    className="mean-dot"
                    r={4}
                    fill="#fff"
                    stroke={color}
                    strokeWidth={2}
                    style={{ transform: `translate(${sx(i)}px, ${sy(r.mean)}px)` }}
                  />
                ))}
              </>
            )}
          </svg>
        )}
      </div>
    </div>
  );
});

/** κ_N and R_N of the current supernet per round (mean and min–max of the candidates' "original" measurements). */
export function TrajectoryPanel() {
  const rounds = useRounds();
  const empty = !rounds.some((r) => r.measured.length > 0);
  return (
    <section className="panel trajectory-panel" aria-label="Supernet per round">
      <h2>The supernet as it is pruned</h2>
      {empty && (
        <p className="empty">
          κ_N (lower: easier to train) and R_N (higher: more expressive) of the supernet, round by round: line = mean over the round's
          candidates, band = min–max.
        </p>
      )}
      <MetricChart
        title="κ_N — trainability (lower is better)"
        metric="kappa"
        rounds={rounds}
        throttleMs={2500}
        color="#1a73e8"
        testId="trajectory-kappa"
      />
      <MetricChart
        title="R_N — expressivity (higher is better)"
        metric="regions"
        rounds={rounds}
        throttleMs={3100}
        color="#188038"
        testId="trajectory-regions"
      />
    </section>
  );
}
