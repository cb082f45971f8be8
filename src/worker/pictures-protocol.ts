/**
 * The pictures part of the worker contract (comlink): the κ_N and R_N
 * pictures of a candidate, computed in the worker (never on the page's main
 * thread) and handed over as RGBA pixels ready for a canvas. EngineApi
 * (./protocol) extends it.
 */
import type { OwnImagesRecord } from '../engine/search/run-file';
import type { CandidatePlace, NtkPictures, RegionPictures } from '../engine/search/candidate-pictures';

export type { CandidatePlace, NtkPictures, RegionPictures };

export interface PictureRequest extends CandidatePlace {
  /** The run's own images, when it was measured on them (the pictures need the same images). */
  ownImages?: OwnImagesRecord;
}

export type RegionPicturesOutcome = { ok: true; pictures: RegionPictures } | { ok: false; message: string };

export type NtkPicturesOutcome =
  | { ok: true; pictures: NtkPictures; recomputed: boolean; ms: number }
  /** `missing`: the worker did not keep this candidate's NTKs (ask again with recompute). */
  | { ok: false; missing: boolean; message: string };

export interface PicturesApi {
  /** The linear regions of the supernet and of the candidate on one plane, with R_N counted again (cached per candidate). */
  regionPictures(req: PictureRequest): Promise<RegionPicturesOutcome>;
  /** The two NTKs as heatmaps: kept from a live search, or recomputed (two NTK measurements) when `recompute`. */
  ntkPictures(req: PictureRequest, recompute: boolean): Promise<NtkPicturesOutcome>;
}
