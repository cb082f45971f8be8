/**
 * The app's one zustand store: URL-backed params, the engine's state, the
 * current run's events and the view selection. Actions that talk to the
 * worker live in ./controller.
 */
import { create } from 'zustand';
import type { SearchEvent } from '../engine/search/events';
import type { Settings } from '../engine/model/settings';
import type { InitReport, MemoryReport, ResultSummary } from '../worker/protocol';
import type { EngineFailure } from '../worker/failure';
import type { StepKind } from '../engine/search/gate';
import { parseQuery, type Params } from './params';
import { urlRepairNotices } from './url-repair';
import { initialExplore, type ExploreState } from './explore-state';

export type EngineStatus = 'starting' | 'ready' | 'failed';
export type RunStatus = 'idle' | 'running' | 'paused' | 'done' | 'cancelled' | 'error';

export interface RunState {
  status: RunStatus;
  /** Settings and seed the events were measured with. */
  settings: Settings | null;
  seed: number;
  backend: string;
  events: SearchEvent[];
  /** A step in progress (the loop pauses again when it completes). */
  stepping: StepKind | null;
  /** Time spent running, excluding pauses (ms), and when the current stretch began. */
  activeMs: number;
  runningSince: number | null;
  durationMs: number | null;
  failure: EngineFailure | null;
  /** Set when the events are a recorded run played back (no computing): its label. */
  replay: string | null;
}

export interface State {
  params: Params;
  notices: string[];
  engine: { status: EngineStatus; report: InitReport | null; failure: EngineFailure | null };
  run: RunState;
  summary: ResultSummary | null;
  memory: MemoryReport | null;
  /** Round shown in the trade-off chart; null follows the live round. */
  viewRound: number | null;
  glossaryOpen: boolean;
  /** Score a cell, correlation study, own images (./study-state). */
  explore: ExploreState;
}

export const idleRun: RunState = {
  status: 'idle',
  settings: null,
  seed: 0,
  backend: '',
  events: [],
  stepping: null,
  activeMs: 0,
  runningSince: null,
  durationMs: null,
  failure: null,
  replay: null,
};

const initial = parseQuery(typeof location === 'undefined' ? '' : location.search);

export const useStore = create<State>(() => ({
  params: initial.params,
  notices: [...urlRepairNotices, ...initial.notices],
  engine: { status: 'starting', report: null, failure: null },
  run: idleRun,
  summary: null,
  memory: null,
  viewRound: null,
  glossaryOpen: false,
  explore: initialExplore,
}));

export const setState = useStore.setState;
export const getState = useStore.getState;

export function patchRun(patch: Partial<RunState>): void {
  setState((s) => ({ run: { ...s.run, ...patch } }));
}

/** Marks the run as running or not, keeping the active-time account. */
export function setRunning(running: boolean, now = performance.now()): void {
  setState((s) => {
    const r = s.run;
    if (running && r.runningSince === null) return { run: { ...r, runningSince: now } };
    if (!running && r.runningSince !== null) return { run: { ...r, activeMs: r.activeMs + (now - r.runningSince), runningSince: null } };
    return {};
  });
}

export function dismissNotice(i: number): void {
  setState((s) => ({ notices: s.notices.filter((_, j) => j !== i) }));
}

export function addNotice(text: string): void {
  setState((s) => ({ notices: [...s.notices, text] }));
}
