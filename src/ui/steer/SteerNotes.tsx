import { describeOverride } from '../../engine/search/overrides';
import './steer.css';
import { parseOverrideList } from '../../engine/search/override-text';
import { DARTS_PRUNE_NUMBER } from '../../engine/search/darts-round';
import { NUM_OPS as NUM_DARTS_OPS } from '../../engine/model/darts/space';
import { cancelAlternatives } from '../../store/steer/alternatives';
import { setParams } from '../../store/run/controller';
import { dismissSteerMessage } from '../../store/steer/steer';
import type { SpaceName } from '../../store/steer/steer-space';
import { useStore } from '../../store/store';

/** Unsteered, a DARTS search prunes 7 → 4 → 1 ops per edge in 2 rounds; the edge-group step is round 3. */
const DARTS_GROUP_ROUND = Math.ceil((NUM_DARTS_OPS - 2) / DARTS_PRUNE_NUMBER);

/** When a scheduled override applies: an override for the DARTS edge-group step applies just before it starts. */
function when(round: number | undefined, space: SpaceName): string {
  if (round === undefined) return ' from the start';
  if (space === 'darts' && round >= DARTS_GROUP_ROUND) return ` just before the edge-group step (round ${round + 1})`;
  return ` at the end of round ${round + 1}`;
}

/** "pin avg_pool_3x3 on edge 3<-0 at the end of round 2" (DARTS: "pin sep_conv_3x3 on edge normal:2<-1 …"). */
function scheduledText(s: string, space: SpaceName): string {
  try {
    return parseOverrideList(s, space)
      .map((o) => `${describeOverride(o)}${when(o.round, space)}`)
      .join('; ');
  } catch {
    return s;
  }
}

/**
 * Under the cell graph: the last refusal or note of an override, the
 * overrides a new search would apply (the URL's), a branch computed in the
 * background with Cancel, and the overrides of the run on screen, each
 * where it happened (a played-back run shows them as they come).
 */
export function SteerNotes() {
  const message = useStore((s) => s.steer.message);
  const job = useStore((s) => s.steer.job);
  const next = useStore((s) => s.params.steer);
  const space = useStore((s) => s.params.space);
  const events = useStore((s) => s.run.events);
  const parent = useStore((s) => s.run.parent);
  const idle = useStore((s) => s.run.events.length === 0);
  const overrides = events.flatMap((e, i) => (e.type === 'override' ? [{ e, i }] : []));
  return (
    <div className="steer-notes">
      {message && (
        <p className={`steer-message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="steer-message">
          {message.text}{' '}
          <button type="button" className="link" onClick={dismissSteerMessage} aria-label="Dismiss">
            ×
          </button>
        </p>
      )}
      {job && (
        <p className="steer-job" role="status" data-testid="steer-job">
          Computing in the background: {job.label} — {job.done} of {job.total} candidates.{' '}
          <button type="button" onClick={cancelAlternatives} data-testid="steer-job-cancel">
            Cancel
          </button>
        </p>
      )}
      {parent && (
        <p className="hint" data-testid="branch-of">
          A branch of {parent.label ?? parent.id}, from round {parent.round + 1}.
        </p>
      )}
      {overrides.length > 0 && (
        <ul className="override-log" aria-label="Overrides of this run">
          {overrides.map(({ e, i }) =>
            e.type === 'override' ? (
              <li key={i} data-testid="override-mark" data-kind={e.override.kind}>
                Round {e.round + 1}: {describeOverride(e.override)} (by hand)
              </li>
            ) : null,
          )}
        </ul>
      )}
      {next !== '' && (
        <p className="hint" data-testid="next-steer">
          {idle ? 'The search will apply' : 'A new search applies'} {scheduledText(next, space)}.{' '}
          <button type="button" className="link" onClick={() => setParams({ steer: '' })} data-testid="clear-steer">
            Clear
          </button>
        </p>
      )}
      <p className="hint">Right-click an op (or press the menu key on it) to pin it, prune it or try every op left on its edge.</p>
    </div>
  );
}
