import { candidatesDone } from '../../store/run/rounds';
import { discardCheckpoint } from '../../store/runs/history';
import { describeRun, resumeCheckpoint } from '../../store/runs/runs';
import { useStore } from '../../store/store';

/** After a reload or crash mid-search: offer to resume after the last checkpointed candidate. */
export function ResumeBanner() {
  const run = useStore((s) => s.runs.checkpoint);
  const ready = useStore((s) => s.engine.status === 'ready');
  if (!run) return null;
  const done = candidatesDone(run.events);
  return (
    <section className="notice resume-banner" role="status" data-testid="resume-banner">
      <span>
        An interrupted search was found ({describeRun(run)}): it was saved after each of its {done} finished candidates.
      </span>
      <span className="buttons">
        <button type="button" className="primary" onClick={() => void resumeCheckpoint()} disabled={!ready} data-testid="resume-checkpoint">
          Resume after candidate {done}
        </button>
        <button type="button" onClick={discardCheckpoint} data-testid="discard-checkpoint">
          Discard
        </button>
      </span>
    </section>
  );
}
