/**
 * The actions that drive the engine worker: init, run, pause, step, cancel,
 * resume after an interruption, export. The worker does all the numbers;
 * these only move messages and update the store.
 */
import type { SearchEvent } from '../engine/events';
import { makeRun } from '../engine/run';
import { createEngine, type EngineClient } from '../worker/client';
import type { BackendName, CompareResult, EngineFailure, MemoryReport, StepKind } from '../worker/protocol';
import { EventBuffer } from './event-buffer';
import { SPEED_DELAY_MS, settingsOf, type Params } from './params';
import { getState, idleRun, patchRun, setRunning, setState } from './store';

let client: EngineClient | null = null;

/** public/data as served next to index.html. */
function dataBase(): string {
  return new URL(`${import.meta.env.BASE_URL}data/`, document.baseURI).href;
}

function onCrash(failure: EngineFailure): void {
  buffer.flush();
  setRunning(false);
  setState((s) => ({
    engine: { ...s.engine, status: 'failed', failure },
    run: s.run.status === 'running' || s.run.status === 'paused' ? { ...s.run, status: 'error', failure, stepping: null } : s.run,
  }));
}

/** Starts (or restarts) the worker and initialises the chosen backend. */
export async function initEngine(): Promise<void> {
  client?.terminate();
  const c = createEngine(onCrash);
  client = c;
  setState({ engine: { status: 'starting', report: null, failure: null } });
  const out = await c.api.init(getState().params.backend, dataBase());
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
  const out = await c.api.init(getState().params.backend, dataBase());
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
  if (patch.backend !== undefined && patch.backend !== before.backend && !busy()) void reinitBackend();
  if (patch.speed !== undefined && client) void client.api.setDelay(SPEED_DELAY_MS[params.speed]);
}

function stepCompleted(stepping: StepKind, e: SearchEvent): boolean {
  return e.type === 'result' || (stepping === 'candidate' ? e.type === 'candidate' : e.type === 'round-end');
}

function applyEvents(batch: SearchEvent[]): void {
  setState((s) => {
    let stepping = s.run.stepping;
    for (const e of batch) if (stepping !== null && stepCompleted(stepping, e)) stepping = null;
    return { run: { ...s.run, events: [...s.run.events, ...batch], stepping } };
  });
  const r = getState().run;
  if (r.stepping === null && r.status === 'paused') setRunning(false);
  const result = batch.find((e) => e.type === 'result');
  if (result?.type === 'result' && client && r.settings) {
    client.api.summarise(result.ops, r.settings.numClasses).then(
      (summary) => setState({ summary }),
      (err: unknown) => patchRun({ failure: { kind: 'asset', message: `result: ${String(err)}` } }),
    );
  }
}

const buffer = new EventBuffer<SearchEvent>(applyEvents);

/** Starts a search with the current params; `resume` continues the interrupted run's events. */
export async function startRun(opts: { paused?: boolean; resume?: boolean } = {}): Promise<void> {
  const st = getState();
  if (!client || st.engine.status !== 'ready' || busy()) return;
  const c = client;
  const paused = opts.paused ?? false;
  const settings = opts.resume && st.run.settings ? st.run.settings : settingsOf(st.params);
  const seed = opts.resume ? st.run.seed : st.params.seed;
  const resume = opts.resume ? st.run.events : [];
  setState({
    run: { ...idleRun, status: paused ? 'paused' : 'running', settings, seed, backend: st.engine.report?.backend ?? '', events: resume, activeMs: opts.resume ? st.run.activeMs : 0 },
    summary: null,
    viewRound: null,
  });
  if (!paused) setRunning(true);
  buffer.clear();
  const outcome = await c.start({ settings, seed, resume, paused, delayMs: SPEED_DELAY_MS[st.params.speed] }, (e) => buffer.push(e));
  if (client !== c) return;
  buffer.flush();
  setRunning(false);
  if (outcome.status === 'done') patchRun({ status: 'done', stepping: null, durationMs: getState().run.activeMs });
  else if (outcome.status === 'cancelled') patchRun({ status: 'cancelled', stepping: null });
  else patchRun({ status: 'error', stepping: null, failure: outcome.failure });
  void refreshMemory();
}

export function pause(): void {
  if (getState().run.status !== 'running' || !client) return;
  void client.api.pause();
  patchRun({ status: 'paused', stepping: null });
  setRunning(false);
}

export function resume(): void {
  if (getState().run.status !== 'paused' || !client) return;
  void client.api.resume();
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
  if (!busy() || !client) return;
  void client.api.cancel();
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

export async function compareBackend(backend: BackendName): Promise<CompareResult> {
  if (!client) throw new Error('the engine is not running');
  if (busy()) throw new Error('a search is running');
  return client.api.compare(backend);
}

/** Downloads the run (settings, seed, backend, events) as the engine's run JSON. */
export function exportRun(): void {
  const r = getState().run;
  if (!r.settings || r.events.length === 0) return;
  const run = makeRun(r.seed, r.settings, r.backend, r.events, { environment: navigator.userAgent, ...(r.durationMs !== null && { durationMs: r.durationMs }) });
  const blob = new Blob([JSON.stringify(run, null, 1)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `te-nas-run-seed${r.seed}-${r.backend}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
