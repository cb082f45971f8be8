import { useEffect, useState } from 'react';
import { candidatesDone, totalCandidatesOf } from '../../store/run/rounds';
import { useStore } from '../../store/store';
import { fmtDuration } from '../format';

/**
 * Candidates done / total, elapsed (excluding pauses), ETA and the backend; a
 * recording played back shows its own backend and recorded duration, and no estimate.
 */
export function Progress() {
  const run = useStore((s) => s.run);
  const backend = useStore((s) => s.engine.report?.backend ?? '—');
  const [now, setNow] = useState(() => performance.now());
  const running = run.runningSince !== null;
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(performance.now()), 500);
    return () => clearInterval(t);
  }, [running]);
  const done = candidatesDone(run.events);
  const TOTAL_CANDIDATES = totalCandidatesOf(run.settings);
  const elapsed = run.activeMs + (run.runningSince !== null ? Math.max(0, now - run.runningSince) : 0);
  const replay = run.replay !== null;
  const live = run.status === 'running' || run.status === 'paused';
  let measuredMs = 0;
  for (const e of run.events) if (e.type === 'candidate') measuredMs += e.ms;
  const eta = live && done > 0 && done < TOTAL_CANDIDATES ? (measuredMs / done) * (TOTAL_CANDIDATES - done) : NaN;
  return (
    <section className="panel progress" aria-label="Progress" data-testid="progress">
      <progress max={TOTAL_CANDIDATES} value={done} aria-label="Candidates measured" />
      <dl className="facts">
        <dt>Candidates</dt>
        <dd data-testid="progress-done">
          {done} / {TOTAL_CANDIDATES}
        </dd>
        <dt>{replay ? 'Playback' : 'Elapsed'}</dt>
        <dd data-testid="elapsed">{fmtDuration(elapsed)}</dd>
        {replay ? (
          <>
            <dt>Recorded in</dt>
            <dd data-testid="recorded-duration">{run.durationMs === null ? 'not recorded' : fmtDuration(run.durationMs)}</dd>
            <dt>Backend</dt>
            <dd data-testid="progress-backend">{run.backend || '—'} (recorded)</dd>
          </>
        ) : (
          <>
            <dt>ETA</dt>
            <dd data-testid="eta">{fmtDuration(eta)}</dd>
            <dt>Backend</dt>
            <dd data-testid="progress-backend">{run.backend || backend}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
