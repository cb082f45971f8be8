/**
 * Steering by hand (issue 18): the last refusal or note of an override, the
 * branch computed in the background (a parent being finished, an alternative
 * being tried), the table of "try every alternative on one edge" and the two
 * runs compared side by side. The actions are in ../steer, ../alternatives
 * and ../compare.
 */
import type { StateCreator } from 'zustand';
import type { SpaceName } from '../../engine/model/settings-table';

export interface SteerMessage {
  kind: 'error' | 'info';
  text: string;
}

/** A branch computed in the background: what, and its candidates done of those to measure. */
export interface BranchJob {
  label: string;
  done: number;
  total: number;
}

export interface AlternativeRow {
  /** The op kept (pinned) on the edge. */
  op: number;
  status: 'waiting' | 'running' | 'done' | 'cancelled' | 'error';
  /** The final cell (NAS-Bench-201: its arch string; DARTS: its genotype). */
  arch?: string;
  /** NAS-Bench-201 test accuracy (%) and rank on the class head's dataset (none in the DARTS space). */
  test?: number;
  rank?: number;
  /** The branch's run id, once kept in the history. */
  runId?: string;
  /** Why it failed. */
  note?: string;
}

export interface Alternatives {
  space: SpaceName;
  edge: number;
  /** DARTS: the edge's cell (0 normal, 1 reduction). */
  cell?: number;
  /** The round (0-based) at whose end the ops are pinned. */
  round: number;
  /** The run they branch from. */
  parent: string;
  /** The class head's dataset, whose accuracy the rows show. */
  dataset: string;
  rows: AlternativeRow[];
}

export interface SteerState {
  message: SteerMessage | null;
  job: BranchJob | null;
  alternatives: Alternatives | null;
  /** Ids of the two runs compared side by side. */
  compare: [string, string] | null;
}

export interface SteerSlice {
  steer: SteerState;
  patchSteer: (patch: Partial<SteerState> | ((s: SteerState) => Partial<SteerState>)) => void;
}

export const createSteerSlice: StateCreator<SteerSlice> = (set) => ({
  steer: { message: null, job: null, alternatives: null, compare: null },
  patchSteer: (patch) => set((s) => ({ steer: { ...s.steer, ...(typeof patch === 'function' ? patch(s.steer) : patch) } })),
});
