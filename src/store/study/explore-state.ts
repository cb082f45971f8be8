/**
 * State of the explore screen areas (score a cell, the correlation study, own
 * images), kept in the app's one store under `explore`. The open tab lives in
 * the URL's hash (#score, #study, #images), so the query string stays the
 * settings table of ./params alone.
 */
import type { Nb201Dataset } from '../../engine/data/nb201';
import type { Settings } from '../../engine/model/settings';
import type { StudyRow } from '../../engine/study/row';
import type { StudySummary } from '../../engine/study/summary';
import { opsToArch } from '../../engine/model/nb201/space';
import type { ResultSummary } from '../../worker/protocol';
import type { ImagesInfo, ScoreOutcome, StudyPool } from '../../worker/explore-protocol';

export const EXPLORE_TABS = ['search', 'score', 'study', 'images'] as const;
export type ExploreTab = (typeof EXPLORE_TABS)[number];
export const TAB_LABELS: Record<ExploreTab, string> = {
  search: 'Search',
  score: 'Score a cell',
  study: 'Correlation study',
  images: 'Your images',
};

export interface ScoreState {
  ops: number[];
  /** Text of the arch field (may be invalid while typing). */
  archText: string;
  archError: string | null;
  /** NAS-Bench-201 numbers of `ops` (instant, from the table). */
  summary: ResultSummary | null;
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  result: Extract<ScoreOutcome, { status: 'done' }> | null;
  /** Settings and seed the result was measured with. */
  measured: { settings: Settings; seed: number; arch: string } | null;
  error: string | null;
}

/** A study row with the cell's test accuracies (cifar10, cifar100, imagenet16). */
export interface StudyRowView extends StudyRow {
  acc: [number, number, number];
}

/** The row as the engine keeps it (without the accuracies). */
export function studyRowOf(view: StudyRowView): StudyRow {
  const { acc: _acc, ...row } = view;
  return row;
}

export interface StudyForm {
  n: number;
  seed: number;
  stratified: boolean;
  pool: StudyPool;
}

/** What a study was started with (saved in IndexedDB with its rows). */
export interface StudyMeta {
  settings: Settings;
  seed: number;
  codes: number[];
  sample: { n: number; stratified: boolean; dataset: Nb201Dataset; includeDegenerate: boolean; pool: StudyPool };
  backend: string;
  images: string;
  createdAt: string;
  /** Scoring time of earlier sessions (ms). */
  durationMs: number;
}

export type StudyStatus = 'idle' | 'planning' | 'running' | 'paused' | 'done' | 'cancelled' | 'error' | 'interrupted';

export interface StudyState {
  form: StudyForm;
  status: StudyStatus;
  meta: StudyMeta | null;
  rows: StudyRowView[];
  progress: { done: number; total: number; etaMs: number; elapsedMs: number } | null;
  summary: StudySummary | null;
  /** 'live': without intervals, while rows come in; 'final': with bootstrap intervals. */
  summaryKind: 'none' | 'computing' | 'live' | 'final';
  error: string | null;
}

export interface ImagesState {
  info: ImagesInfo;
  busy: boolean;
  /** The last drop's problem (too few images, unreadable files); null when fine. */
  error: string | null;
  /** Files skipped in the last drop, with why. */
  skipped: string[];
  /** Small previews (data URLs) of the last loaded images. */
  thumbs: string[];
}

export interface ExploreState {
  tab: ExploreTab;
  score: ScoreState;
  study: StudyState;
  images: ImagesState;
}

/** The best CIFAR-10 cell of NAS-Bench-201 as the starting point. */
const START_OPS = [3, 3, 3, 3, 1, 3];

function tabFromHash(): ExploreTab {
  if (typeof location === 'undefined') return 'search';
  const h = location.hash.replace(/^#/, '');
  return (EXPLORE_TABS as readonly string[]).includes(h) ? (h as ExploreTab) : 'search';
}

export const initialExplore: ExploreState = {
  tab: tabFromHash(),
  score: {
    ops: START_OPS,
    archText: opsToArch(START_OPS),
    archError: null,
    summary: null,
    status: 'idle',
    result: null,
    measured: null,
    error: null,
  },
  study: {
    form: { n: 200, seed: 0, stratified: false, pool: 'all' },
    status: 'idle',
    meta: null,
    rows: [],
    progress: null,
    summary: null,
    summaryKind: 'none',
    error: null,
  },
  images: {
    info: { source: 'cifar10', count: 0, label: 'CIFAR-10 (bundled)', mean: null, std: null },
    busy: false,
    error: null,
    skipped: [],
    thumbs: [],
  },
};
