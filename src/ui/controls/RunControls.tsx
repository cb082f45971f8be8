import { cancel, exportRun, startRun, step } from '../../store/run/controller';
import { useStore } from '../../store/store';
import { RunButton, SpeedSelect } from './RunButton';

/** Run / Pause / Step candidate / Step round / Cancel, animation speed and export. */
export function RunControls() {
  const status = useStore((s) => s.run.status);
  const stepping = useStore((s) => s.run.stepping);
  const measuringCell = useStore((s) => s.run.status === 'running' && s.finalCell?.status === 'measuring');
  const ready = useStore((s) => s.engine.status === 'ready');
  const hasEvents = useStore((s) => s.run.events.length > 0);
  const replay = useStore((s) => s.run.replay);
  const busy = status === 'running' || status === 'paused';
  const canResume = (status === 'cancelled' || status === 'error') && hasEvents;
  return (
    <section className="panel run-controls" aria-label="Run controls">
      <div className="buttons">
        <RunButton />
        <button
          type="button"
          onClick={() => step('candidate')}
          disabled={(!ready && replay === null) || status === 'running' || stepping !== null}
          data-testid="step-candidate"
          title="→"
        >
          Step candidate
        </button>
        <button
          type="button"
          onClick={() => step('round')}
          disabled={(!ready && replay === null) || status === 'running' || stepping !== null}
          data-testid="step-round"
          title="Shift + →"
        >
          Step round
        </button>
        <button type="button" onClick={cancel} disabled={!busy} data-testid="cancel">
          Cancel
        </button>
        {canResume && (
          <button type="button" onClick={() => void startRun({ resume: true })} data-testid="resume-run">
            Resume run
          </button>
        )}
      </div>
      <p className="run-status" data-testid="run-status" data-status={status}>
        {measuringCell ? 'Measuring the searched cell’s own κ_N and R_N…' : statusText(status, stepping)}
      </p>
      {replay !== null && (
        <p className="replay-label" data-testid="replay-label">
          Playing back a recorded run ({replay}): nothing is computed.
        </p>
      )}
      <SpeedSelect label="Animation" />
      <button type="button" onClick={exportRun} disabled={!hasEvents} data-testid="export">
        Export run (JSON)
      </button>
      <p className="hint">Keys: Space run/pause · → step candidate · Shift+→ step round</p>
    </section>
  );
}

function statusText(status: string, stepping: string | null): string {
  if (stepping) return `Stepping one ${stepping}…`;
  switch (status) {
    case 'idle':
      return 'Ready.';
    case 'running':
      return 'Searching…';
    case 'paused':
      return 'Paused (the candidate being measured finishes first).';
    case 'done':
      return 'Search finished.';
    case 'cancelled':
      return 'Cancelled.';
    default:
      return 'Stopped by an error.';
  }
}
