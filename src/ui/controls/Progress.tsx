import { useEffect, useState } from 'react';
import { candidatesDone, TOTAL_CANDIDATES } from '../../store/rounds';
import { useStore } from '../../store/store';
import { fmtDuration } from '../format';

/** Candidates done / total, elapsed (excluding pauses), ETA and the backend. */
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
  const elapsed = run.activeMs + (run.runningSince !== null ? Math.max(0, now - run.runningSince) : 0);
  let measuredMs = 0;
  for (const e of run.events) if (e.type === 'candidate') measuredMs += e.ms;
  const eta = done > 0 && done < TOTAL_CANDIDATES ? (measuredMs / done) * (TOTAL_CANDIDATES - done) : done === TOTAL_CANDIDATES ? 0 : NaN;
  return (
    <section className="panel progress" aria-label="Progress">
      <progress max={TOTAL_CANDIDATES} value={done} />
      <dl className="facts">
        <dt>Candidates</dt>
        <dd data-testid="progress-done">
          {done} / {TOTAL_CANDIDATES}
        </dd>
        <dt>Elapsed</dt>
        <dd data-testid="elapsed">{fmtDuration(elapsed)}</dd>
        <dt>ETA</dt>
        <dd>{fmtDuration(eta)}</dd>
        <dt>Backend</dt>
        <dd>{run.backend || backend}</dd>
      </dl>
    </section>
  );
}
