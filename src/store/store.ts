/**
 * The app's one zustand store, made of slices (./slices): the page (URL-backed
 * params, notices, glossary), the engine, the current run, runs as data
 * (demos, history, checkpoint) and the explore areas. Each slice brings the
 * small setters that touch only its own part; the actions that talk to the
 * worker or to IndexedDB live in ./controller, ./runs, ./history, ./study,
 * ./score and ./images.
 */
import { create } from 'zustand';
import { createEngineSlice, type EngineSlice } from './slices/engine';
import { createExploreSlice, type ExploreSlice } from './slices/explore';
import { createPageSlice, type PageSlice } from './slices/page';
import { createRunSlice, type RunSlice } from './slices/run';
import { createRunsSlice, type RunsSlice } from './slices/runs';
import { createPicturesSlice, type PicturesSlice } from './slices/pictures';
import { createSteerSlice, type SteerSlice } from './slices/steer';

export type State = PageSlice & EngineSlice & RunSlice & RunsSlice & ExploreSlice & PicturesSlice & SteerSlice;

export const useStore = create<State>()((...a) => ({
  ...createPageSlice(...a),
  ...createEngineSlice(...a),
  ...createRunSlice(...a),
  ...createRunsSlice(...a),
  ...createExploreSlice(...a),
  ...createPicturesSlice(...a),
  ...createSteerSlice(...a),
}));

export const setState = useStore.setState;
export const getState = useStore.getState;

// The slices' setters never change: they can be called without a store lookup.
export const { addNotice, dismissNotice, patchRun, setRunning, patchRuns, patchExplore, patchScore, patchStudy, patchImages, patchSteer } =
  getState();
