/**
 * The explore screen areas (score a cell, the correlation study, own images)
 * under `explore`: state and initial values in ../explore-state, the actions
 * in ../score, ../study and ../images.
 */
import type { StateCreator } from 'zustand';
import { type ExploreState, type ImagesState, initialExplore, type ScoreState, type StudyState } from '../study/explore-state';

export interface ExploreSlice {
  explore: ExploreState;
  patchExplore: (patch: Partial<ExploreState>) => void;
  patchScore: (patch: Partial<ScoreState>) => void;
  patchStudy: (patch: Partial<StudyState>) => void;
  patchImages: (patch: Partial<ImagesState>) => void;
}

export const createExploreSlice: StateCreator<ExploreSlice> = (set) => ({
  explore: initialExplore,
  patchExplore: (patch) => set((s) => ({ explore: { ...s.explore, ...patch } })),
  patchScore: (patch) => set((s) => ({ explore: { ...s.explore, score: { ...s.explore.score, ...patch } } })),
  patchStudy: (patch) => set((s) => ({ explore: { ...s.explore, study: { ...s.explore.study, ...patch } } })),
  patchImages: (patch) => set((s) => ({ explore: { ...s.explore, images: { ...s.explore.images, ...patch } } })),
});
