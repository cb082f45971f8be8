/**
 * The correlation study: plan a sample of NAS-Bench-201 cells, score them in
 * the worker (each row kept in IndexedDB as it comes, see ./db/study, so a
 * reload or a crash loses at most one cell and the study resumes where it
 * stopped), pause / continue / cancel, and export it as CSV or JSON. The
 * τ / ρ summary is in ./study-summary. State in `explore.study`.
 */
import * as Comlink from 'comlink';
import type { StudyUpdate } from '../../worker/explore-protocol';
import type { EngineFailure } from '../../worker/failure';
import { download, engineApi } from '../run/controller';
import * as db from '../db/study';
import { engineReady } from '../run/engine-ready';
import { errorText } from '../run/error-text';
import { EventBuffer } from '../run/event-buffer';
import { type StudyForm, type StudyMeta, type StudyRowView, studyRowOf } from './explore-state';
import { settingsOf } from '../params/params';
import { dropSummaries, scheduleSummary } from './study-summary';
import { getState, patchStudy, setState } from '../store';

const study = () => getState().explore.study;

export function setStudyForm(patch: Partial<StudyForm>): void {
  patchStudy({ form: { ...study().form, ...patch } });
}

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
  dropSummaries();
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
    patchStudy({ status: 'error', error: errorText(err) });
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
  const api = await engineReady();
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
    .startStudy({ settings: meta.settings, seed: meta.seed, codes: meta.codes, resume: resume.map(studyRowOf) }, Comlink.proxy(onRow))
    .catch((err: unknown) => ({ status: 'error' as const, failure: { kind: 'search' as const, message: errorText(err) } }));
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
  dropSummaries();
  patchStudy({ status: 'idle', meta: null, rows: [], progress: null, summary: null, summaryKind: 'none', error: null });
}

function storageProblem(err: unknown): void {
  patchStudy({ error: `The study cannot be kept in this browser (${errorText(err)}); export it as a file instead.` });
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

function studyName(): string {
  const m = study().meta;
  return m ? `te-nas-study-${m.codes.length}cells-seed${m.seed}` : 'te-nas-study';
}

export async function exportStudyCsv(): Promise<void> {
  const api = engineApi();
  const rows = study().rows;
  if (!api || rows.length === 0) return;
  download(`${studyName()}.csv`, await api.studyCsv(rows.map(studyRowOf)), 'text/csv');
}

export async function exportStudyJson(): Promise<void> {
  const { meta, rows, summary } = study();
  if (!meta || rows.length === 0) return;
  // Loaded on use: engine/study also holds the scoring code (and with it tfjs), which the page's main thread never runs.
  let mod: typeof import('../../engine/study/file');
  try {
    mod = await import('../../engine/study/file');
  } catch (err) {
    patchStudy({ error: `The JSON export could not be loaded (${errorText(err)}); reload the page and try again.` });
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
    rows: rows.map(studyRowOf),
    durationMs: meta.durationMs,
    summary: summary ?? undefined,
  });
  download(`${studyName()}.json`, studyToJson(file), 'application/json');
}

/** The engine stopped (restart or crash) while the study ran: the rows so far are saved; the study can be continued. */
export function studyEngineStopped(failure: EngineFailure | null): void {
  const st = study().status;
  if ((st !== 'running' && st !== 'paused') || running === null) return;
  running = null;
  rowBuffer.flush();
  patchStudy({ status: 'interrupted', error: failure ? `The engine stopped: ${failure.message}` : null });
}
