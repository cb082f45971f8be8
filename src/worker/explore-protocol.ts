/**
 * The "explore" part of the worker contract (comlink): score one cell, the
 * correlation study, the user's own images. EngineApi (./protocol) extends it.
 * Everything here is structured-clone friendly.
 */
import type { Nb201Dataset } from '../engine/data/nb201';
import type { Settings } from '../engine/model/settings';
import type { StudyRow } from '../engine/study/row';
import type { StudySummary } from '../engine/study/summary';
import type { EngineFailure } from './failure';

/** Which images κ_N and R_N are measured on. */
export interface CellScoreReport {
  ops: number[];
  degenerate: boolean;
  kappa: number[];
  regions: number[];
}

export interface ImagesInfo {
  source: 'cifar10' | 'own';
  /** Number of own images (0 for CIFAR-10). */
  count: number;
  /** Shown on screen, e.g. "12 images from 3 files". */
  label: string;
  /** Per-channel mean and std (0..255) of the own images; null for CIFAR-10. */
  mean: number[] | null;
  std: number[] | null;
  /** SHA-256 of the own images (count and pixels, engine/data/own-images-hash.ts); absent for CIFAR-10. */
  hash?: string;
}

export interface ScoreRequest {
  settings: Settings;
  seed: number;
  ops: number[];
}

export type ScoreOutcome =
  | { status: 'done'; score: CellScoreReport; ms: number; images: ImagesInfo }
  | { status: 'cancelled' }
  | { status: 'error'; failure: EngineFailure };

/** Named pools a study draws from: every cell, or the cells NASLib's zero-cost suite scored on CIFAR-10. */
export const STUDY_POOLS = ['all', 'naslib'] as const;
export type StudyPool = (typeof STUDY_POOLS)[number];

export interface StudyPlanRequest {
  n: number;
  seed: number;
  stratified: boolean;
  dataset: Nb201Dataset;
  includeDegenerate: boolean;
  pool: StudyPool;
}

export interface StudyRequest {
  settings: Settings;
  seed: number;
  codes: number[];
  /** Rows already scored (their cells are skipped). */
  resume: StudyRow[];
}

/** One scored cell with its test accuracies and the study's progress. */
export interface StudyUpdate {
  row: StudyRow;
  /** Test accuracy (%) on cifar10, cifar100, imagenet16. */
  acc: [number, number, number];
  done: number;
  total: number;
  scored: number;
  elapsedMs: number;
  etaMs: number;
}

export type StudyOutcome = { status: 'done' } | { status: 'cancelled' } | { status: 'error'; failure: EngineFailure };

export type ImagesOutcome = { ok: true; info: ImagesInfo } | { ok: false; message: string };

export interface ExploreApi {
  /** κ_N and R_N of one cell on the active images (cancellable with cancelScore). */
  scoreOne(req: ScoreRequest): Promise<ScoreOutcome>;
  cancelScore(): void;
  /** The study's cells (seeded sample), in scoring order. */
  planStudy(req: StudyPlanRequest): Promise<number[]>;
  /** Scores the cells, calling onRow after each; pause / resume / cancel between cells. */
  startStudy(req: StudyRequest, onRow: (u: StudyUpdate) => void): Promise<StudyOutcome>;
  pauseStudy(): void;
  resumeStudy(): void;
  cancelStudy(): void;
  /** Kendall τ / Spearman ρ table (resamples 0: no bootstrap). */
  summarizeStudy(rows: StudyRow[], resamples: number): Promise<StudySummary>;
  /** Test accuracies [cifar10, cifar100, imagenet16] of each code. */
  studyAccuracies(codes: number[]): Promise<[number, number, number][]>;
  studyCsv(rows: StudyRow[]): Promise<string>;
  /** Uses n NHWC 32 × 32 images (their own normalisation) for every measurement from now on. */
  setImages(pixels: Uint8Array, n: number, label: string): Promise<ImagesOutcome>;
  /** Back to the bundled CIFAR-10 images. */
  clearImages(): ImagesInfo;
  imagesInfo(): ImagesInfo;
}
