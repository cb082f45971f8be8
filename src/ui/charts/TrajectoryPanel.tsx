import { memo, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { trajectory, type RoundView, type TrajectoryPoint } from '../../store/rounds';
import { useStore } from '../../store/store';
import { fmt } from '../format';
import { useAnimationMs, useRounds, useThrottled } from '../hooks';

interface Row {
  round: string;
  mean: number;
  band: [number, number];
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
    () => trajectory(shown).map((p: TrajectoryPoint) => ({ round: `R${p.round + 1}`, mean: p[metric].mean, band: [p[metric].min, p[metric].max] })),
    [shown, metric],
  );
  return (
    <div className="chart trajectory" data-testid={testId} data-points={rows.length}>
      <h3>{title}</h3>
      <ResponsiveContainer width="100%" height={150}>
        <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="round" />
          <YAxis tickFormatter={(v: number) => fmt(v, 1)} domain={['auto', 'auto']} width={56} />
          <Area dataKey="band" name="min–max" stroke="none" fill={color} fillOpacity={0.2} isAnimationActive={ms > 0} animationDuration={ms} />
          <Line dataKey="mean" name="mean" stroke={color} strokeWidth={2} dot={{ r: 4 }} isAnimationActive={ms > 0} animationDuration={ms} />
        </ComposedChart>
      </ResponsiveContainer>
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
      {empty && <p className="empty">κ_N (lower: easier to train) and R_N (higher: more expressive) of the supernet, round by round: line = mean over the round's candidates, band = min–max.</p>}
      <MetricChart title="κ_N — trainability (lower is better)" metric="kappa" rounds={rounds} throttleMs={2500} color="#1a73e8" testId="trajectory-kappa" />
      <MetricChart title="R_N — expressivity (higher is better)" metric="regions" rounds={rounds} throttleMs={3100} color="#188038" testId="trajectory-regions" />
    </section>
  );
}
