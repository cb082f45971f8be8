import { finalCellOf } from '../../store/run/final-cell';
import { useStore } from '../../store/store';
import { useRounds } from '../hooks';
import { ChartPng } from '../pictures/ChartPng';
import { MetricChart } from './lazy';

/**
 * κ_N and R_N of the current supernet per round (mean and min–max of the
 * candidates' "original" measurements), ending on the searched cell once it is measured.
 */
export function TrajectoryPanel() {
  const rounds = useRounds();
  const final = useStore(finalCellOf);
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
          candidates, band = min–max; the last point is the cell the search finds.
        </p>
      )}
      <MetricChart
        title="κ_N — trainability (lower is better; log scale)"
        metric="kappa"
        rounds={rounds}
        throttleMs={2500}
        color="#1a73e8"
        testId="trajectory-kappa"
        final={final?.kappa ?? null}
        log
      />
      <MetricChart
        title="R_N — expressivity (higher is better)"
        metric="regions"
        rounds={rounds}
        throttleMs={3100}
        color="#188038"
        testId="trajectory-regions"
        final={final?.regions ?? null}
      />
    </section>
  );
}
