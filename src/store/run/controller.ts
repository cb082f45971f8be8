/**
 * The actions that drive the engine worker: init, run, pause, step, cancel,
 * resume after an interruption, export. The worker does all the numbers;
 * these only move messages and update the store.
 */
import type { SearchEvent } from '../../engine/search/events';
import { isComplete, makeRun, type Run } from '../../engine/search/run-file';
import { createEngine, type EngineClient } from '../../worker/client';
import { Gate } from '../../engine/search/gate';
import type { MemoryReport } from '../../worker/protocol';
import type { EngineFailure } from '../../worker/failure';
import type { StepKind } from '../../engine/search/gate';
import { EventBuffer } from './event-buffer';
import { ROUND_HOLD_MS, SPEED_DELAY_MS, settingsOf, type Params } from '../params/params';
import { listCandidates } from '../../engine/search/ranking';
import { keepFinishedRun, saveCheckpoint } from '../runs/history';
import { measureFinalCell } from './final-cell';
import { candidatesDone } from './rounds';
import { idleRun } from '../slices/run';
import { runMeta } from '../runs/export';
import { ownImagesRecord } from '../pictures/own-images-record';
import { newRunId, runKey } from '../runs/run-id';
import { parseOverrideList } from '../../engine/search/override-text';
import { addNotice, getState, patchRun, setRunning, setState } from '../store';

let client: EngineClient | null = null;

/** The worker's API while an engine is running (for the explore views: score, study, own images). */
export function engineApi(): EngineClient['api'] | null {
  return client?.api ?? null;
}

/** A search in the worker while an engine is running (settles with an error if the worker crashes). */
export function engineStart(): EngineClient['start'] | null {
  return client?.start ?? null;
}

/** public/data as served next to index.html. */
function dataBase(): string {
  return new URL(`${import.meta.env.BASE_URL}data/`, document.baseURI).href;
}

function onCrash(failure: EngineFailure): void {
  buffer.flush();
  setRunning(false);
  setState((s) => ({
    engine: { ...s.engine, status: 'failed', failure },
    run:
      (s.run.status === 'running' || s.run.status === 'paused') && s.run.replay === null
        ? { ...s.run, status: 'error', failure, stepping: null }
        : s.run,
  }));
}

/** Starts (or restarts) the worker and initialises the chosen backend. */
export async function initEngine(): Promise<void> {
  client?.terminate();
  const c = createEngine(onCrash);
  client = c;
  setState({ engine: { status: 'starting', report: null, failure: null } });
  const { backend, parallel, kernels } = getState().params;
  const out = await c.api.init(backend, dataBase(), parallel, kernels);
  if (client !== c) return;
  if (out.ok) setState({ engine: { status: 'ready', report: out.report, failure: null } });
  else setState({ engine: { status: 'failed', report: null, failure: out.failure } });
  void refreshMemory();
}

/** Re-initialises the backend in the running worker (after a backend change). */
async function reinitBackend(): Promise<void> {
  if (!client || getState().engine.status === 'failed') return initEngine();
  const c = client;
  setState((s) => ({ engine: { ...s.engine, status: 'starting' } }));
  const { backend, parallel, kernels } = getState().params;
  const out = await c.api.init(backend, dataBase(), parallel, kernels);
  if (client !== c) return;
  if (out.ok) setState({ engine: { status: 'ready', report: out.report, failure: null } });
  else setState({ engine: { status: 'failed', report: null, failure: out.failure } });
}

const busy = () => {
  const s = getState().run.status;
  return s === 'running' || s === 'paused';
};

export function setParams(patch: Partial<Params>): void {
  const before = getState().params;
  const params = { ...before, ...patch };
  setState({ params });
  const changed =
    (patch.backend !== undefined && patch.backend !== before.backend) ||
    (patch.parallel !== undefined && patch.parallel !== before.parallel) ||
    (patch.kernels !== undefined && patch.kernels !== before.kernels);
  if (changed && !busy()) void reinitBackend();
  if (patch.speed !== undefined && client) void client.api.setDelay(SPEED_DELAY_MS[params.speed]);
}

/** A round-end after which candidates remain (every round but the last). */
function roundContinues(e: SearchEvent): boolean {
  return e.type === 'round-end' && listCandidates(e.mask).length > 0;
}

/** A step ends with its event; a step that crosses a round's end stops there first (the end is held, see roundHold). */
function stepCompleted(stepping: StepKind, e: SearchEvent): boolean {
  return e.type === 'result' || (stepping === 'candidate' ? e.type === 'candidate' || roundContinues(e) : e.type === 'round-end');
}

/**
 * Set when a candidate step stopped at a held round-end: the engine goes on to
 * the next round's first candidate, so the next Step only shows what it sends.
 */
let steppedPastRoundEnd = false;

function applyEvents(batch: SearchEvent[]): void {
  setState((s) => {
    let stepping = s.run.stepping;
    for (const e of batch) {
      if (stepping === null || !stepCompleted(stepping, e)) continue;
      if (stepping === 'candidate' && e.type === 'round-end') steppedPastRoundEnd = true;
      stepping = null;
    }
    return { run: { ...s.run, events: [...s.run.events, ...batch], stepping } };
  });
  const r = getState().run;
  if (r.stepping === null && r.status === 'paused') setRunning(false);
  const result = batch.find((e) => e.type === 'result');
  if (result?.type === 'result' && client && r.settings && r.settings.space !== 'darts') {
    client.api.summarise(result.ops, r.settings.numClasses).then(
      (summary) => setState({ summary }),
      (err: unknown) => patchRun({ failure: { kind: 'asset', message: `result: ${String(err)}` } }),
    );
  }
}

/**
 * After a round's end the next round waits, so its ranking and pruned ops are
 * on screen: ROUND_HOLD_MS for the speed while running, until Step or
 * Continue while paused (step mode). Not after the last round.
 */
function roundHold(e: SearchEvent): number {
  if (!roundContinues(e)) return 0;
  const s = getState();
  return s.run.status === 'paused' ? Number.POSITIVE_INFINITY : ROUND_HOLD_MS[s.params.speed];
}

const buffer = new EventBuffer<SearchEvent>(applyEvents, 150, roundHold, () => getState().run.status === 'paused');

/** Device losses recovered in a row (a device that keeps getting lost gives up after MAX_RECOVERIES). */
let recoveries = 0;
const MAX_RECOVERIES = 3;

/** The live search or playback in progress (settled when it stops). */
let active: Promise<unknown> = Promise.resolve();

/** Cancels the live search or the playback and waits until it has stopped (a branch starts from its events). */
export async function stopAndWait(): Promise<void> {
  cancel();
  await active;
}

/**
 * Starts a search with the current params and the URL's overrides; `resume` continues the run's events
 * (a branch's: its parent's up to the branch point and the override), keeping its id and parent.
 */
export function startRun(opts: { paused?: boolean; resume?: boolean } = {}): Promise<void> {
  const p = runSearch(opts);
  active = p;
  return p;
}

async function runSearch(opts: { paused?: boolean; resume?: boolean }): Promise<void> {
  const st = getState();
  if (!client || st.engine.status !== 'ready' || busy() || st.steer.job !== null) return;
  const c = client;
  const paused = opts.paused ?? false;
  const settings = opts.resume && st.run.settings ? st.run.settings : settingsOf(st.params);
  const seed = opts.resume ? st.run.seed : st.params.seed;
  const resume = opts.resume ? st.run.events : [];
  const backend = st.engine.report?.backend ?? '';
  // A run records the own images it is measured on (the worker's images when it starts; a resumed run keeps its record).
  const meta = opts.resume
    ? { id: st.run.id || newRunId(), parent: st.run.parent, ownImages: st.run.ownImages }
    : { id: newRunId(), parent: null, ownImages: ownImagesRecord(st.explore.images.info) };
  const overrides = opts.resume ? [] : parseOverrideList(st.params.steer, settings.space);
  if (!opts.resume) recoveries = 0;
  setState({
    run: {
      ...idleRun,
      status: paused ? 'paused' : 'running',
      settings,
      seed,
      backend,
      events: resume,
      activeMs: opts.resume ? st.run.activeMs : 0,
      ...meta,
    },
    summary: null,
    viewRound: null,
  });
  if (!paused) setRunning(true);
  buffer.clear();
  steppedPastRoundEnd = false;
  // Every candidate is checkpointed in IndexedDB before the worker measures the next one.
  const live = [...resume];
  const onEvent = async (e: SearchEvent) => {
    buffer.push(e);
    live.push(e);
    if (e.type !== 'round-start') await saveCheckpoint(makeRun(seed, settings, backend, live, runMeta(meta)));
  };
  const outcome = await c.start({ settings, seed, resume, paused, overrides, delayMs: SPEED_DELAY_MS[st.params.speed] }, onEvent);
  if (client !== c) return;
  buffer.flush();
  setRunning(false);
  if (outcome.status === 'done') {
    recoveries = 0;
    const durationMs = getState().run.activeMs;
    await measureFinalCell(c.api, settings, seed, live);
    patchRun({ status: 'done', stepping: null, durationMs });
    const run = makeRun(seed, settings, backend, live, { environment: navigator.userAgent, durationMs, ...runMeta(meta) });
    void keepFinishedRun(run);
  } else if (outcome.status === 'cancelled') patchRun({ status: 'cancelled', stepping: null });
  else if (outcome.failure.kind === 'device-lost' && recoveries < MAX_RECOVERIES) {
    recoveries++;
    patchRun({ status: 'error', stepping: null, failure: outcome.failure });
    await recoverFromDeviceLoss(outcome.failure.message);
    return;
  } else patchRun({ status: 'error', stepping: null, failure: outcome.failure });
  void refreshMemory();
}

/** After a lost WebGPU device: re-initialise (WebGPU again if it starts, else WebAssembly) and resume after the last finished candidate. */
async function recoverFromDeviceLoss(message: string): Promise<void> {
  const done = candidatesDone(getState().run.events);
  addNotice(`The GPU was reset: ${message}. Nothing is lost: the engine restarts and resumes after candidate ${done}.`);
  await reinitBackend();
  const e = getState().engine;
  if (e.status !== 'ready') return; // the error panel shows why, with Retry
  addNotice(`Engine restarted on ${e.report?.backend ?? '?'} after the GPU reset; the search resumed after candidate ${done}.`);
  await startRun({ resume: true });
}

export function pause(): void {
  if (getState().run.status !== 'running') return;
  if (replay) replay.gate.pause();
  else if (client) void client.api.pause();
  else return;
  patchRun({ status: 'paused', stepping: null });
  setRunning(false);
}

export function resume(): void {
  if (getState().run.status !== 'paused') return;
  steppedPastRoundEnd = false;
  buffer.release();
  if (replay) replay.gate.resume();
  else if (client) void client.api.resume();
  else return;
  patchRun({ status: 'running', stepping: null });
  setRunning(true);
}

/** Space bar: run when idle, pause when running, resume when paused. */
export function toggleRun(): void {
  const s = getState().run.status;
  if (s === 'running') pause();
  else if (s === 'paused') resume();
  else void startRun();
}

export function step(kind: StepKind): void {
  const r = getState().run;
  const ahead = steppedPastRoundEnd;
  if (r.status === 'paused' && r.stepping === null) {
    steppedPastRoundEnd = false;
    buffer.release();
  }
  if (ahead && r.status === 'paused' && r.stepping === null) {
    // The engine already measures (or has measured) the next round's first candidate: showing it is this step.
    patchRun({ stepping: kind });
    setRunning(true);
    if (kind === 'round') {
      if (replay) replay.gate.step('round');
      else void client?.api.step('round');
    }
    return;
  }
  if (replay) {
    if (r.status !== 'paused') return;
    replay.gate.step(kind);
    patchRun({ stepping: kind });
    setRunning(true);
    return;
  }
  if (!client) return;
  if (r.status === 'running') return;
  if (r.status !== 'paused') {
    void startRun({ paused: true });
    if (getState().run.status !== 'paused') return;
  }
  void client.api.step(kind);
  patchRun({ stepping: kind });
  setRunning(true);
}

export function cancel(): void {
  if (!busy()) return;
  if (replay) {
    replay.cancelled = true;
    replay.gate.cancel();
  } else if (client) void client.api.cancel();
}

/** Retry after an error: asset and crash failures restart the engine; search failures resume. */
export async function retry(): Promise<void> {
  const { engine, run } = getState();
  if (engine.status === 'failed') {
    await initEngine();
    if (run.events.length > 0 && getState().engine.status === 'ready') await startRun({ resume: true });
    return;
  }
  if (run.status === 'error' || run.status === 'cancelled') await startRun({ resume: run.events.length > 0 });
}

export async function refreshMemory(): Promise<MemoryReport | null> {
  if (!client || getState().engine.status !== 'ready') return null;
  const memory = await client.api.memory();
  setState({ memory });
  return memory;
}

export { download, downloadBlob } from '../runs/download';
export { currentRun, exportCsv, exportRun } from '../runs/export';

/** Per-candidate pause of a replay at each speed ("full" still animates, briefly). */
const REPLAY_DELAY_MS: Record<keyof typeof SPEED_DELAY_MS, number> = { full: 60, slow: SPEED_DELAY_MS.slow, slower: SPEED_DELAY_MS.slower };

let replay: { gate: Gate; cancelled: boolean } | null = null;

/**
 * Plays a recorded run back without computing: its events go through the
 * same event buffer and store as a live search's, paced by the animation
 * speed, with pause / step / cancel. False when a search is running.
 */
export function replayRun(run: Run, label: string): Promise<boolean> {
  const p = playBack(run, label);
  active = p;
  return p;
}

async function playBack(run: Run, label: string): Promise<boolean> {
  if (busy()) return false;
  const r = { gate: new Gate(false), cancelled: false };
  replay = r;
  buffer.clear();
  steppedPastRoundEnd = false;
  setState({
    run: {
      ...idleRun,
      status: 'running',
      settings: run.settings,
      seed: run.seed,
      backend: run.backend,
      events: [],
      replay: label,
      durationMs: run.durationMs ?? null,
      ownImages: run.ownImages ?? null,
      id: runKey(run),
      parent: run.parent ?? null,
    },
    summary: null,
    viewRound: null,
  });
  setRunning(true);
  try {
    for (const e of run.events) {
      await r.gate.pass();
      if (r.cancelled) break;
      buffer.push(e);
      r.gate.after(e);
      if (e.type === 'candidate') await r.gate.delay(REPLAY_DELAY_MS[getState().params.speed]);
    }
  } finally {
    replay = null;
    buffer.flush();
    setRunning(false);
    patchRun({ status: !r.cancelled && isComplete(run) ? 'done' : 'cancelled', stepping: null, durationMs: run.durationMs ?? null });
  }
  return true;
}
