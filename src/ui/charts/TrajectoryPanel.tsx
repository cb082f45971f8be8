import { useRounds } from '../hooks';
import { ChartPng } from '../pictures/ChartPng';
import { MetricChart } from './lazy';

/** κ_N and R_N of the current supernet per round (mean and min–max of the candidates' "original" measurements). */
export function TrajectoryPanel() {
  const rounds = useRounds();
  const empty = !rounds.some((r) => r.measured.length > 0);
  return (
    <section className="panel trajectory-panel" aria-label="Supernet per round">
      <h2>
        The supernet as it is pruned{' '}
        <ChartPng testId="trajectory-kappa" file="te-nas-kappa.png" title="κ_N of the supernet per round" label="κ_N PNG" />{' '}
        <ChartPng testId="trajectory-regions" file="te-nas-regions-per-round.png" title="R_N of the supernet per round" label="R_N PNG" />
      </h2>
      {empty && (
        <p className="empty">
          κ_N (lower: easier to train) and R_N (higher: more expressive) of the supernet, round by round: line = mean over the round's
          candidates, band = min–max.
        </p>
      )}
      <MetricChart
        title="κ_N — trainability (lower is better; log scale)"
        metric="kappa"
        rounds={rounds}
        throttleMs={2500}
        color="#1a73e8"
        testId="trajectory-kappa"
        log
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
