/**
 * Branches computed in the worker without drawing them (a parent run being
 * finished after its branch, the alternatives of one edge): one at a time,
 * their progress in `steer.job` (a live search cannot start meanwhile), and
 * cancelled on request. The worker resumes the given events, the override
 * events among them, with the same streams as the run they come from.
 */
import type { Settings } from '../../engine/model/settings';
import type { SearchEvent } from '../../engine/search/events';
import { engineApi, engineStart } from './controller';
import { errorText } from './error-text';
import { candidatesLeft } from './remaining';
import { spaceOf } from '../steer/steer-space';
import { getState, patchSteer } from '../store';

export interface BranchOutcome {
  status: 'done' | 'cancelled' | 'error';
  /** The given events and those computed after them. */
  events: SearchEvent[];
  /** Why it stopped, for an error. */
  message?: string;
}

/** Computes the rest of a run (its events, override events included) in the worker. */
export async function computeBranch(
  label: string,
  run: { settings: Settings; seed: number; events: SearchEvent[] },
): Promise<BranchOutcome> {
  const start = engineStart();
  const events = [...run.events];
  if (!start || getState().engine.status !== 'ready') return { status: 'error', events, message: 'the engine is not ready' };
  const s = getState().run;
  if (s.status === 'running' || s.status === 'paused') return { status: 'error', events, message: 'a search is running' };
  patchSteer({ job: { label, done: 0, total: candidatesLeft(run.events, spaceOf(run.settings)) } });
  const onEvent = (e: SearchEvent) => {
    events.push(e);
    if (e.type === 'candidate') patchSteer((st) => ({ job: st.job && { ...st.job, done: st.job.done + 1 } }));
  };
  try {
    const out = await start({ settings: run.settings, seed: run.seed, resume: run.events, paused: false, delayMs: 0 }, onEvent);
    if (out.status === 'error') return { status: 'error', events, message: out.failure.message };
    return { status: out.status, events };
  } catch (err) {
    return { status: 'error', events, message: errorText(err) };
  } finally {
    patchSteer({ job: null });
  }
}

/** Stops the branch being computed in the background (between candidates). */
export function cancelBackground(): void {
  void engineApi()?.cancel();
}
