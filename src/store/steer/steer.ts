/**
 * Steering from the page: pin or prune an op in the round on screen. Before a
 * search, the override goes into the URL's `steer` (a new search applies it
 * from the start). On a run — paused, finished, cancelled or played back —
 * the run becomes a parent: its events up to the branch point (./branch-point)
 * plus the override event are resumed live as a new run, its branch, with the
 * same streams; the branch's overrides go into the URL. A finished parent is
 * kept in the history; an unfinished one is finished in the background once
 * its branch is done, with the rest of the round it was branched in taken
 * from the branch (./shared-round). A refused override says why and changes
 * nothing. Both search spaces: the run's space decides the rules (a DARTS
 * override names its cell) and the URL's form (./steer-url).
 */
import { parseOverrideList } from '../../engine/search/override-text';
import type { Override, SearchEvent } from '../../engine/search/events';
import { checkOverride, describeOverride, type SteerPoint, steerAt } from '../../engine/search/overrides';
import { isComplete, type Run } from '../../engine/search/run-file';
import { Steering } from '../../engine/search/steering';
import { computeBranch } from '../run/background';
import { branchIndex, scheduledOf } from './branch-point';
import { setParams, startRun, step, stopAndWait } from '../run/controller';
import { errorText } from '../run/error-text';
import { currentRun } from '../runs/export';
import { keepRun } from '../runs/history';
import { withSharedRound } from './shared-round';
import { spaceOf } from './steer-space';
import { steerUrl } from './steer-url';
import { newRunId, runKey } from '../runs/run-id';
import { describeRun, playedRun } from '../runs/runs';
import { PRESET_LABELS, presetOf } from '../../engine/model/settings';
import { idleRun } from '../slices/run';
import { getState, patchSteer, setState } from '../store';

const sentence = (s: string) => `${s[0].toUpperCase()}${s.slice(1)}.`;

/** A parent as its branches name it: seed, settings and backend (not its progress, which changes). */
export function parentLabel(run: Run): string {
  const preset = presetOf(run.settings);
  return `seed ${run.seed}, ${preset ? PRESET_LABELS[preset] : 'custom settings'}, ${run.backend}`;
}

export function refuse(text: string): void {
  patchSteer({ message: { kind: 'error', text: `${text} Nothing was changed.` } });
}

export function dismissSteerMessage(): void {
  patchSteer({ message: null });
}

/** Where the current run would branch in `round` (default: the round on screen), and the point of the search there; a refusal text when it cannot. */
export function branchPlace(round?: number): { events: SearchEvent[]; k: number; point: SteerPoint } | string {
  const s = getState();
  const r = s.run;
  if (s.steer.job) return 'A branch is being computed in the background: wait for it or cancel it first.';
  if (r.status === 'running') return 'Pause first: an override applies between candidates.';
  if (s.engine.status !== 'ready') return 'The engine is not ready: a branch is computed by it.';
  const k = branchIndex(r.events, round ?? s.viewRound);
  try {
    return { events: r.events, k, point: steerAt(r.events.slice(0, k), spaceOf(r.settings)) };
  } catch (err) {
    return errorText(err);
  }
}

/** Before a search: the override joins the URL's, from the start (in the space the settings would start). */
function steerNextRun(o: Override): void {
  const { space } = getState().params;
  const list = parseOverrideList(getState().params.steer, space);
  try {
    new Steering([], [...list, o], space);
  } catch (err) {
    refuse(sentence(errorText(err)));
    return;
  }
  setParams(steerUrl(getState().params, null, [...list, o]));
  patchSteer({ message: { kind: 'info', text: 'Override noted: the next search applies it from its first round (see the URL).' } });
}

/**
 * The current run as a parent: kept in the history when finished; live or
 * played back, it is stopped first. Its run-file data and whether it is done.
 */
export async function takeParent(): Promise<{ run: Run; complete: boolean } | null> {
  const r = getState().run;
  const whole = playedRun();
  const run = r.replay !== null && whole && runKey(whole) === r.id ? whole : currentRun();
  await stopAndWait();
  if (!run) return null;
  const complete = isComplete(run);
  if (complete) await keepRun(run);
  return { run, complete };
}

/** Finishes an unfinished parent in the background, with what `branch` measured of its open round, and keeps it in the history. */
export async function finishParent(parent: Run, branch: readonly SearchEvent[] = []): Promise<void> {
  const events = withSharedRound(parent.events, branch);
  const out = await computeBranch(`finishing the parent run (${describeRun(parent)})`, { ...parent, events });
  if (out.status === 'done') await keepRun({ ...parent, events: out.events });
  else
    patchSteer({
      message: { kind: 'error', text: `The parent run could not be finished (${out.message ?? out.status}); its branch is kept.` },
    });
}

/** Pins or prunes an op in `round` (default: the round on screen) of the run on screen (see the module comment). */
export async function steer(o: Override, round?: number): Promise<void> {
  const r = getState().run;
  if (!r.settings || r.events.length === 0) {
    if (r.status === 'running' || r.status === 'paused')
      return refuse('The search has not measured anything yet: wait for its first candidate.');
    return steerNextRun(o);
  }
  const place = branchPlace(round);
  if (typeof place === 'string') return refuse(place);
  const { events, k, point } = place;
  const refusal = checkOverride(point, o);
  if (refusal) return refuse(sentence(refusal.message));
  const wasPaused = r.status === 'paused' && r.replay === null;
  const { settings, seed, backend } = r;
  const parent = await takeParent();
  if (!parent) return refuse('There is no run to branch.');
  const branch = [...events.slice(0, k), { type: 'override' as const, round: point.round, override: o }];
  setState({
    run: {
      ...idleRun,
      status: 'cancelled',
      settings,
      seed,
      backend,
      events: branch,
      id: newRunId(),
      parent: { id: runKey(parent.run), label: parentLabel(parent.run), events: k, round: point.round },
    },
    summary: null,
    viewRound: null,
  });
  const scheduled = scheduledOf(branch, spaceOf(settings));
  if (scheduled) setParams(steerUrl(getState().params, settings, scheduled));
  patchSteer({
    message: { kind: 'info', text: `Branched at round ${point.round + 1}: ${describeOverride(o)}. The search goes on from there.` },
  });
  const running = startRun({ resume: true, paused: wasPaused });
  // Paused at a round's end: the steered ranking and pruning show at once (nothing to measure), then it pauses again.
  if (wasPaused && events[k]?.type === 'round-end') step('round');
  await running;
  if (!parent.complete && getState().run.status === 'done') await finishParent(parent.run, getState().run.events);
}
