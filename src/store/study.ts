/**
 * Actions of the explore screen areas: pick and score one cell, run the
 * correlation study (persisted row by row in IndexedDB, resumable after a
 * reload), its τ/ρ summary and exports, and the user's own images. The worker
 * does the numbers (see src/worker/study-api.ts); these move messages and
 * update `explore` in the store.
 */
import * as Comlink from 'comlink';
import { parseArch, opsToArch } from '../engine/model/nb201/space';
import type { StudyRow } from '../engine/study/study';
import type { StudyUpdate } from '../worker/explore-protocol';
import { download, engineApi } from './controller';
import { EventBuffer } from './event-buffer';
import { settingsOf } from './params';
import { getState, setState, useStore } from './store';
import * as db from './study-db';
import type { ExploreState, ExploreTab, ImagesState, ScoreState, StudyForm, StudyMeta, StudyRowView, StudyState } from './explore-state';

// ---------------------------------------------------------------------------
// Store helpers
// ---------------------------------------------------------------------------

function patchExplore(patch: Partial<ExploreState>): void {
  setState((s) => ({ explore: { ...s.explore, ...patch } }));
}
function patchScore(patch: Partial<ScoreState>): void {
  setState((s) => ({ explore: { ...s.explore, score: { ...s.explore.score, ...patch } } }));
}
function patchStudy(patch: Partial<StudyState>): void {
  setState((s) => ({ explore: { ...s.explore, study: { ...s.explore.study, ...patch } } }));
}
function patchImages(patch: Partial<ImagesState>): void {
  setState((s) => ({ explore: { ...s.explore, images: { ...s.explore.images, ...patch } } }));
}
const study = () => getState().explore.study;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Resolves with the worker's API once the engine is ready. */
function ready(): Promise<NonNullable<ReturnType<typeof engineApi>>> {
  return new Promise((resolve) => {
    const check = () => {
      const api = engineApi();
      if (getState().engine.status === 'ready' && api) {
        unsub();
        resolve(api);
        return true;
      }
      return false;
    };
    const unsub = useStore.subscribe(() => void check());
    check();
  });
}

// ---------------------------------------------------------------------------
// Tabs
// ---------------------------------------------------------------------------

export function setTab(tab: ExploreTab): void {
  patchExplore({ tab });
  const hash = tab === 'search' ? '' : `#${tab}`;
  if (location.hash !== hash) history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  if (tab === 'score') void refreshScoreSummary();
}

// ---------------------------------------------------------------------------
// Score one cell
// ---------------------------------------------------------------------------

export function setScoreOps(ops: number[]): void {
  patchScore({ ops, archText: opsToArch(ops), archError: null });
  void refreshScoreSummary();
}

/** The arch field: a valid string selects its cell; an invalid one shows what is wrong. */
export function setArchText(text: string): void {
  try {
    const { ops } = parseArch(text);
    patchScore({ archText: text, archError: null, ops });
    void refreshScoreSummary();
  } catch (err) {
    patchScore({ archText: text, archError: message(err) });
  }
}

let summaryToken = 0;

export async function refreshScoreSummary(): Promise<void> {
  const token = ++summaryToken;
  const api = await ready();
  const { ops } = getState().explore.score;
  try {
    const summary = await api.summarise(ops, getState().params.numClasses);
    if (token === summaryToken) patchScore({ summary });
  } catch (err) {
    if (token === summaryToken) patchScore({ error: message(err) });
  }
}

export async function scoreNow(): Promise<void> {
  const api = engineApi();
  if (!api || getState().engine.status !== 'ready' || getState().explore.score.status === 'running') return;
  const { params } = getState();
  const { ops } = getState().explore.score;
  const settings = settingsOf(params);
  const measured = { settings, seed: params.seed, arch: opsToArch(ops) };
  patchScore({ status: 'running', error: null, result: null, measured });
  const out = await api.scoreOne({ settings, seed: params.seed, ops });
  if (out.status === 'done') patchScore({ status: 'done', result: out });
  else if (out.status === 'cancelled') patchScore({ status: 'cancelled' });
  else patchScore({ status: 'error', error: out.failure.message });
}

export function cancelScore(): void {
  void engineApi()?.cancelScore();
}

// ---------------------------------------------------------------------------
// Correlation study
// ---------------------------------------------------------------------------

export function setStudyForm(patch: Partial<StudyForm>): void {
  patchStudy({ form: { ...study().form, ...patch } });
}

const strip = (r: StudyRowView): StudyRow => {
  const { acc: _acc, ...row } = r;
  void _acc;
  return row;
};

let running: symbol | null = null;
let sessionStart = 0;

function applyRows(batch: StudyUpdate[]): void {
  const last = batch[batch.length - 1];
  setState((s) => {
    const st = s.explore.study;
    const have = new Set(st.rows.map((r) => r.code));
    const add = batch.filter((u) => !have.has(u.row.code)).map((u) => ({ ...u.row, acc: u.acc }));
    return {
      explore: {
        ...s.explore,
        study: {
          ...st,
          rows: [...st.rows, ...add],
          progress: { done: last.done, total: last.total, etaMs: last.etaMs, elapsedMs: last.elapsedMs },
        },
      },
    };
  });
  scheduleSummary('live');
}

const rowBuffer = new EventBuffer<StudyUpdate>(applyRows, 400);

/** Plans a new study from the form and the current settings, then runs it. */
export async function startStudy(): Promise<void> {
  const api = engineApi();
  const st = study();
  if (!api || getState().engine.status !== 'ready' || st.status === 'running' || st.status === 'paused' || st.status === 'planning') return;
  const { params } = getState();
  const form = st.form;
  generation++;
  patchStudy({ status: 'planning', error: null, meta: null, rows: [], progress: null, summary: null, summaryKind: 'none' });
  let codes: number[];
  try {
    codes = await api.planStudy({
      n: form.n,
      seed: form.seed,
      stratified: form.stratified,
      dataset: 'cifar10',
      includeDegenerate: false,
      pool: form.pool,
    });
  } catch (err) {
    patchStudy({ status: 'error', error: message(err) });
    return;
  }
  const meta: StudyMeta = {
    settings: settingsOf(params),
    seed: form.seed,
    codes,
    sample: { n: form.n, stratified: form.stratified, dataset: 'cifar10', includeDegenerate: false, pool: form.pool },
    backend: getState().engine.report?.backend ?? '',
    images: imagesDesc(),
    createdAt: new Date().toISOString(),
    durationMs: 0,
  };
  await db.saveStudy(meta).catch(storageProblem);
  patchStudy({ meta, rows: [], summary: null, summaryKind: 'none', progress: { done: 0, total: codes.length, etaMs: NaN, elapsedMs: 0 } });
  await run(meta, []);
}

/** The images a study is measured on, as recorded with it. */
function imagesDesc(): string {
  const images = getState().explore.images.info;
  return images.source === 'own' ? `own images: ${images.label}` : 'CIFAR-10 (bundled)';
}

/** Continues the saved / interrupted / cancelled study from its last scored cell. */
export async function continueStudy(): Promise<void> {
  const st = study();
  if (!st.meta || st.status === 'running' || st.status === 'paused' || st.status === 'planning') return;
  if (st.meta.images !== imagesDesc()) {
    patchStudy({
      error: `This study was measured on ${st.meta.images}, but the images now are ${imagesDesc()}: load the same images (tab “Your images”) to continue it, or start a new study.`,
    });
    return;
  }
  await run(st.meta, st.rows);
}

async function run(meta: StudyMeta, resume: StudyRowView[]): Promise<void> {
  const api = await ready();
  const token = Symbol('study');
  running = token;
  sessionStart = performance.now();
  rowBuffer.clear();
  patchStudy({ status: 'running', error: null });
  const onRow = async (u: StudyUpdate) => {
    if (running !== token) return;
    await db.addRow({ ...u.row, acc: u.acc }).catch(storageProblem);
    rowBuffer.push(u);
  };
  const out = await api
    .startStudy({ settings: meta.settings, seed: meta.seed, codes: meta.codes, resume: resume.map(strip) }, Comlink.proxy(onRow))
    .catch((err: unknown) => ({ status: 'error' as const, failure: { kind: 'search' as const, message: message(err) } }));
  if (running !== token) return;
  running = null;
  rowBuffer.flush();
  const m = { ...meta, durationMs: meta.durationMs + (performance.now() - sessionStart) };
  await db.updateMeta(m).catch(storageProblem);
  const status = out.status === 'done' ? 'done' : out.status === 'cancelled' ? 'cancelled' : 'error';
  patchStudy({ status, meta: m, error: out.status === 'error' ? out.failure.message : null });
  scheduleSummary('final');
}

export function pauseStudy(): void {
  if (study().status !== 'running') return;
  void engineApi()?.pauseStudy();
  patchStudy({ status: 'paused' });
  scheduleSummary('final');
}

export function resumeStudy(): void {
  if (study().status !== 'paused') return;
  void engineApi()?.resumeStudy();
  patchStudy({ status: 'running' });
}

export function cancelStudy(): void {
  const s = study().status;
  if (s !== 'running' && s !== 'paused') return;
  void engineApi()?.cancelStudy();
}

/** Forgets the saved study (rows and plan). */
export async function discardStudy(): Promise<void> {
  const s = study().status;
  if (s === 'running' || s === 'paused' || s === 'planning') return;
  await db.clearStudy().catch(storageProblem);
  generation++;
  patchStudy({ status: 'idle', meta: null, rows: [], progress: null, summary: null, summaryKind: 'none', error: null });
}

function storageProblem(err: unknown): void {
  patchStudy({ error: `The study cannot be kept in this browser (${message(err)}); export it as a file instead.` });
}

/** On page load: the saved study comes back (finished, or interrupted: resumable). */
export async function restoreStudy(): Promise<void> {
  let saved: Awaited<ReturnType<typeof db.loadStudy>>;
  try {
    saved = await db.loadStudy();
  } catch (err) {
    storageProblem(err);
    return;
  }
  if (!saved || study().status !== 'idle') return;
  const { meta, rows } = saved;
  const complete = rows.length >= meta.codes.length;
  patchStudy({
    meta,
    rows,
    status: complete ? 'done' : 'interrupted',
    progress: { done: rows.length, total: meta.codes.length, etaMs: NaN, elapsedMs: 0 },
  });
  if (rows.length > 0) scheduleSummary('final');
}

// Summary: a quick one (no intervals) while rows stream in, at most every 2 s; the full one when the study stops.
let summaryBusy = false;
let summaryWanted: 'live' | 'final' | null = null;
let lastLive = 0;
/** Pause between live summaries: 2 s, or 10 × the last one's duration (a big study's summary is slow and holds the worker). */
let liveGap = 2000;
/** Bumped by a new or discarded study: summaries of the previous one are dropped. */
let generation = 0;
let timer = false;

function scheduleSummary(kind: 'live' | 'final'): void {
  if (summaryWanted !== 'final') summaryWanted = kind;
  void pumpSummary();
}

async function pumpSummary(): Promise<void> {
  if (summaryBusy || summaryWanted === null) return;
  const kind = summaryWanted;
  if (kind === 'live') {
    const wait = lastLive + liveGap - performance.now();
    if (wait > 0) {
      if (!timer) {
        timer = true;
        setTimeout(() => {
          timer = false;
          void pumpSummary();
        }, wait);
      }
      return;
    }
  }
  summaryWanted = null;
  summaryBusy = true;
  try {
    const api = await ready();
    const rows = study().rows;
    if (rows.length === 0) {
      patchStudy({ summary: null, summaryKind: 'none' });
      return;
    }
    if (kind === 'final') patchStudy({ summaryKind: 'computing' });
    const resamples = kind === 'live' ? 0 : rows.length > 1000 ? 200 : 1000;
    const t0 = performance.now();
    const gen = generation;
    const summary = await api.summarizeStudy(rows.map(strip), resamples);
    if (gen !== generation) return;
    lastLive = performance.now();
    if (kind === 'live') liveGap = Math.max(2000, 10 * (lastLive - t0));
    // A newer final request (more rows) supersedes; a live result never overwrites a final one of the same rows.
    if (study().rows.length === rows.length || kind === 'live')
      patchStudy({ summary, summaryKind: kind === 'final' && study().rows.length === rows.length ? 'final' : 'live' });
  } catch (err) {
    patchStudy({ error: `summary: ${message(err)}` });
  } finally {
    summaryBusy = false;
    if (summaryWanted !== null) void pumpSummary();
  }
}

function studyName(): string {
  const m = study().meta;
  return m ? `te-nas-study-${m.codes.length}cells-seed${m.seed}` : 'te-nas-study';
}

export async function exportStudyCsv(): Promise<void> {
  const api = engineApi();
  const rows = study().rows;
  if (!api || rows.length === 0) return;
  download(`${studyName()}.csv`, await api.studyCsv(rows.map(strip)), 'text/csv');
}

export async function exportStudyJson(): Promise<void> {
  const { meta, rows, summary } = study();
  if (!meta || rows.length === 0) return;
  // Loaded on use: engine/study also holds the scoring code (and with it tfjs), which the page's main thread never runs.
  let mod: typeof import('../engine/study/study');
  try {
    mod = await import('../engine/study/study');
  } catch (err) {
    patchStudy({ error: `The JSON export could not be loaded (${message(err)}); reload the page and try again.` });
    return;
  }
  const { makeStudyFile, studyToJson } = mod;
  const file = makeStudyFile({
    seed: meta.seed,
    settings: meta.settings,
    backend: meta.backend,
    environment: `${navigator.userAgent}; images: ${meta.images}`,
    sample: {
      n: meta.sample.n,
      stratified: meta.sample.stratified,
      dataset: meta.sample.dataset,
      includeDegenerate: meta.sample.includeDegenerate,
      pool: meta.sample.pool,
    },
    codes: meta.codes,
    rows: rows.map(strip),
    durationMs: meta.durationMs,
    summary: summary ?? undefined,
  });
  download(`${studyName()}.json`, studyToJson(file), 'application/json');
}

// ---------------------------------------------------------------------------
// Own images
// ---------------------------------------------------------------------------

/** The last images applied, re-sent when the engine restarts (a fresh worker forgets them). */
let ownImages: { pixels: Uint8Array; n: number; label: string } | null = null;

/** Uses n decoded 32 × 32 images (NHWC bytes) for κ_N and R_N; refuses fewer than the NTK batch size. */
export async function applyImages(
  pixels: Uint8Array,
  n: number,
  label: string,
  extra: { skipped: string[]; thumbs: string[] },
): Promise<void> {
  const batch = getState().params.batchSize;
  if (n < batch) {
    patchImages({
      error: `Too few images: ${n} image${n === 1 ? '' : 's'} read, but the NTK batch needs at least ${batch} distinct images (the batch size). Add more images, or lower “NTK batch” in the settings. Still using ${getState().explore.images.info.label}.`,
      skipped: extra.skipped,
      thumbs: extra.thumbs,
    });
    return;
  }
  if (study().status === 'running' || study().status === 'paused') {
    patchImages({ error: 'A study is running: cancel it before changing the images.', skipped: extra.skipped });
    return;
  }
  patchImages({ busy: true, error: null, skipped: extra.skipped, thumbs: extra.thumbs });
  const api = await ready();
  const out = await api.setImages(pixels.slice(), n, label);
  if (out.ok) {
    ownImages = { pixels, n, label };
    patchImages({ busy: false, info: out.info });
  } else patchImages({ busy: false, error: `These images cannot be used: ${out.message}` });
}

export async function restoreBundledImages(): Promise<void> {
  ownImages = null;
  const api = engineApi();
  const info = api ? await api.clearImages() : getState().explore.images.info;
  patchImages({ info: { ...info, source: 'cifar10' }, error: null, skipped: [], thumbs: [] });
}

export function imagesProblem(error: string, skipped: string[] = []): void {
  patchImages({ error, skipped, busy: false });
}

// ---------------------------------------------------------------------------
// Engine restarts
// ---------------------------------------------------------------------------

/** Wires the explore state to the engine's life cycle; call once at start-up. */
export function initExplore(): void {
  let prev = getState().engine.status;
  useStore.subscribe((s) => {
    const now = s.engine.status;
    if (now === prev) return;
    prev = now;
    const st = s.explore.study;
    if (now !== 'ready' && (st.status === 'running' || st.status === 'paused') && running !== null) {
      // The worker was restarted or crashed: the rows so far are saved; the study can be continued.
      running = null;
      rowBuffer.flush();
      patchStudy({ status: 'interrupted', error: s.engine.failure ? `The engine stopped: ${s.engine.failure.message}` : null });
    }
    if (now !== 'ready' && s.explore.score.status === 'running')
      patchScore({ status: 'error', error: 'the engine restarted while scoring; score again' });
    if (now === 'ready') {
      const api = engineApi();
      if (api && ownImages) void api.setImages(ownImages.pixels.slice(), ownImages.n, ownImages.label);
      if (s.explore.tab === 'score') void refreshScoreSummary();
    }
  });
  void restoreStudy();
  if (getState().explore.tab === 'score') void refreshScoreSummary();
}
