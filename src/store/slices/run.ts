/**
 * The current run: its events (live or played back), status and active time,
 * its result's NAS-Bench-201 summary and the round shown in the trade-off
 * chart. The actions that drive it are in ../controller.
 */
import type { StateCreator } from 'zustand';
import type { Settings } from '../../engine/model/settings';
import type { SearchEvent } from '../../engine/search/events';
import type { OwnImagesRecord } from '../../engine/search/run-file';
import type { Run } from '../../engine/search/run-file';
import type { StepKind } from '../../engine/search/gate';
import type { EngineFailure } from '../../worker/failure';
import type { ResultSummary } from '../../worker/protocol';

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
  /** The user's own images the run is measured on (live: those loaded when it started; played back: the file's record); null: CIFAR-10. */
  ownImages: OwnImagesRecord | null;
  /** Names the run in its file and in the history, so that its branches can name it ('' before a run). */
  id: string;
  /** For a branch: the run it branched from, where (store/steer/steer.ts). */
  parent: Run['parent'] | null;
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
  ownImages: null,
  id: '',
  parent: null,
};

/** The searched cell's own κ_N and R_N (store/run/final-cell.ts), for the run whose result `key` names. */
export interface FinalCell {
  key: string;
  status: 'measuring' | 'done' | 'failed';
  kappa: number | null;
  regions: number | null;
}

export interface RunSlice {
  run: RunState;
  summary: ResultSummary | null;
  finalCell: FinalCell | null;
  /** Round shown in the trade-off chart; null follows the live round. */
  viewRound: number | null;
  patchRun: (patch: Partial<RunState>) => void;
  /** Marks the run as running or not, keeping the active-time account. */
  setRunning: (running: boolean, now?: number) => void;
}

export const createRunSlice: StateCreator<RunSlice> = (set) => ({
  run: idleRun,
  summary: null,
  finalCell: null,
  viewRound: null,
  patchRun: (patch) => set((s) => ({ run: { ...s.run, ...patch } })),
  setRunning: (running, now = performance.now()) =>
    set((s) => {
      const r = s.run;
      if (running && r.runningSince === null) return { run: { ...r, runningSince: now } };
      if (!running && r.runningSince !== null) return { run: { ...r, activeMs: r.activeMs + (now - r.runningSince), runningSince: null } };
      return {};
    }),
});
