/**
 * Runs as data on the page: the recorded demos, the history of finished runs
 * and the checkpoint of an interrupted one (both kept in IndexedDB, see
 * ../db), the last import / playback message and why nothing can be kept
 * (storage). The actions are in ../runs and ../history.
 */
import type { StateCreator } from 'zustand';
import type { Run } from '../../engine/search/run-file';
import type { HistoryEntry } from '../db/schema';

export interface Demo {
  file: string;
  label: string;
  run?: Run;
}

export interface RunsMessage {
  kind: 'error' | 'info';
  text: string;
}

export interface RunsState {
  history: HistoryEntry[];
  demos: Demo[];
  /** Why the demo list could not be read (null when fine or not loaded). */
  demosProblem: string | null;
  /** An interrupted run found at start-up, offered for resuming. */
  checkpoint: Run | null;
  message: RunsMessage | null;
  /** Why runs cannot be kept in this browser (IndexedDB unavailable or full, a stored study not moved). */
  storage: string | null;
}

export interface RunsSlice {
  runs: RunsState;
  patchRuns: (patch: Partial<RunsState> | ((runs: RunsState) => Partial<RunsState>)) => void;
}

export const createRunsSlice: StateCreator<RunsSlice> = (set) => ({
  runs: { history: [], demos: [], demosProblem: null, checkpoint: null, message: null, storage: null },
  patchRuns: (patch) => set((s) => ({ runs: { ...s.runs, ...(typeof patch === 'function' ? patch(s.runs) : patch) } })),
});
