/**
 * The κ_N and R_N pictures: which candidate is chosen (a click on an op, a
 * chart point or a table row) and whether its explain card is open, the
 * pictures the worker sent for the candidate shown. The actions are in
 * ../pictures.
 */
import type { StateCreator } from 'zustand';
import type { NtkPictures, RegionPictures } from '../../worker/pictures-protocol';
import type { CandidateKey } from '../pictures/picture-place';

export interface PictureSlot<T> {
  /** The candidate these pictures are of (keyText), or null. */
  key: string | null;
  /** `missing`: not kept by the worker (the NTKs of a replayed run: computed on request). */
  status: 'idle' | 'loading' | 'ready' | 'missing' | 'error';
  data: T | null;
  message: string | null;
}

export interface PicturesState {
  /** The candidate chosen by a click; null follows the last measured one. */
  selected: CandidateKey | null;
  /** The candidate whose explain card is open. */
  explain: CandidateKey | null;
  /** The pictures shown: both of one candidate (the last that arrived), until the next arrive. */
  regions: PictureSlot<RegionPictures>;
  ntk: PictureSlot<NtkPictures>;
  /** The candidate whose pictures are on their way from the worker (keyText), or null. */
  pending: string | null;
  /** Counts the runs shown (a new search, a playback): the views ask for pictures again when it changes. */
  epoch: number;
}

export const emptySlot = { key: null, status: 'idle', data: null, message: null } as const;

export interface PicturesSlice {
  pictures: PicturesState;
  patchPictures: (patch: Partial<PicturesState>) => void;
}

export const createPicturesSlice: StateCreator<PicturesSlice> = (set) => ({
  pictures: { selected: null, explain: null, regions: emptySlot, ntk: emptySlot, pending: null, epoch: 0 },
  patchPictures: (patch) => set((s) => ({ pictures: { ...s.pictures, ...patch } })),
});
