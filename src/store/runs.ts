/**
 * Runs as data on the page: import a run file, the recorded demo runs shipped
 * in public/runs, the history of finished runs and the checkpoint of an
 * interrupted one (both in IndexedDB). A small store of its own; playing a
 * run back goes through the controller's replay (the live run's rendering path).
 */
import { z } from 'zod';
import { create } from 'zustand';
import { checkRunSize, isComplete, parseRun, RunFileError, type Run } from '../engine/search/run-file';
import { PRESET_LABELS, presetOf } from '../engine/model/settings';
import { replayRun, startRun } from './controller';
import * as persist from './persist';
import { candidatesDone, TOTAL_CANDIDATES } from './rounds';
import { getState, idleRun, setState } from './store';

// The CSP has no 'unsafe-eval': tell zod not to probe for it.
z.config({ jitless: true });

export interface Demo {
  file: string;
  label: string;
  run?: Run;
}

export interface RunsMessage {
  kind: 'error' | 'info';
  text: string;
}

export interface RunsState {
  history: persist.HistoryEntry[];
  demos: Demo[];
  /** Why the demo list could not be read (null when fine or not loaded). */
  demosProblem: string | null;
  /** An interrupted run found at start-up, offered for resuming. */
  checkpoint: Run | null;
  message: RunsMessage | null;
  /** Why runs cannot be kept in this browser (IndexedDB unavailable or full). */
  storage: string | null;
}

export const useRuns = create<RunsState>(() => ({
  history: [],
  demos: [],
  demosProblem: null,
  checkpoint: null,
  message: null,
  storage: null,
}));
const set = useRuns.setState;

export function storageProblem(err: unknown): void {
  set({
    storage: `Runs cannot be saved in this browser (${err instanceof Error ? err.message : String(err)}); export them as files instead.`,
  });
}

export async function refreshHistory(): Promise<void> {
  try {
    set({ history: await persist.listHistory() });
  } catch (err) {
    storageProblem(err);
  }
}

export function describeRun(run: Run): string {
  const preset = presetOf(run.settings);
  const done = candidatesDone(run.events);
  const result = run.events.find((e) => e.type === 'result');
  const what = preset ? PRESET_LABELS[preset] : 'custom settings';
  return `seed ${run.seed}, ${what}, ${run.backend}, ${result?.type === 'result' ? result.arch : `${done}/${TOTAL_CANDIDATES} candidates`}`;
}

/** Reads a file chosen by the user, refusing oversized ones before reading; plays it back when valid. */
export async function importFile(file: File): Promise<void> {
  try {
    checkRunSize(file.size);
    const run = parseRun(await file.text());
    set({
      message: {
        kind: 'info',
        text: `Imported ${file.name}: ${describeRun(run)}${isComplete(run) ? '' : ' (an unfinished run: Resume run continues it live)'}.`,
      },
    });
    await play(run, `imported ${file.name}`);
  } catch (err) {
    const text = err instanceof RunFileError ? err.message : `could not read the file (${String(err)})`;
    set({ message: { kind: 'error', text: `${file.name}: ${text}. Nothing was changed.` } });
  }
}

async function play(run: Run, label: string): Promise<void> {
  if (!(await replayRun(run, label))) set({ message: { kind: 'error', text: 'A search is running: cancel it first to play a run back.' } });
}

export function replayHistory(entry: persist.HistoryEntry): Promise<void> {
  return play(entry.run, `saved run of ${new Date(entry.run.createdAt).toLocaleString()}`);
}

const demoIndexSchema = z.array(z.object({ file: z.string().regex(/^[\w.-]+\.json$/), label: z.string().max(200) }));

function runsBase(): string {
  return new URL(`${import.meta.env.BASE_URL}runs/`, document.baseURI).href;
}

/** Reads public/runs/index.json, the list of recorded demo runs (absent: no demos). */
export async function loadDemos(): Promise<void> {
  try {
    const res = await fetch(new URL('index.json', runsBase()));
    if (res.status === 404 || !(res.headers.get('content-type') ?? '').includes('json')) return set({ demos: [], demosProblem: null });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const list = demoIndexSchema.safeParse(await res.json());
    if (!list.success) throw new Error(`runs/index.json is invalid: ${list.error.issues[0].message}`);
    set({ demos: list.data, demosProblem: null });
  } catch (err) {
    set({ demos: [], demosProblem: `The recorded demos could not be listed (${err instanceof Error ? err.message : String(err)}).` });
  }
}

export async function replayDemo(demo: Demo): Promise<void> {
  try {
    let run = demo.run;
    if (!run) {
      const res = await fetch(new URL(demo.file, runsBase()));
      if (!res.ok) throw new RunFileError(`HTTP ${res.status}`);
      const size = Number(res.headers.get('content-length') ?? 0);
      checkRunSize(size);
      run = parseRun(await res.text());
      const loaded = run;
      set((s) => ({ demos: s.demos.map((d) => (d.file === demo.file ? { ...d, run: loaded } : d)) }));
    }
    set({ message: { kind: 'info', text: `Playing the recording "${demo.label}" (${describeRun(run)}): nothing is computed.` } });
    await play(run, `recording: ${demo.label}`);
  } catch (err) {
    set({
      message: {
        kind: 'error',
        text: `The recording ${demo.file} could not be played (${err instanceof Error ? err.message : String(err)}).`,
      },
    });
  }
}

export async function deleteRun(id: number): Promise<void> {
  await persist.deleteHistory(id).catch(storageProblem);
  await refreshHistory();
}

export async function clearRuns(): Promise<void> {
  await persist.clearHistory().catch(storageProblem);
  await refreshHistory();
}

/** At start-up: an unfinished checkpoint (a reload or crash mid-search) is offered for resuming. */
export async function checkCheckpoint(): Promise<void> {
  try {
    const raw = await persist.loadCheckpoint();
    if (raw === undefined) return;
    let run: Run;
    try {
      run = parseRun(JSON.stringify(raw));
    } catch {
      await persist.clearCheckpoint();
      return;
    }
    if (isComplete(run) || candidatesDone(run.events) === 0) return void persist.clearCheckpoint();
    set({ checkpoint: run });
  } catch (err) {
    storageProblem(err);
  }
}

/** Resumes the offered checkpoint after its last finished candidate, once the engine is ready. */
export async function resumeCheckpoint(): Promise<void> {
  const run = useRuns.getState().checkpoint;
  if (!run) return;
  const s = getState();
  if (s.engine.status !== 'ready' || s.run.status === 'running' || s.run.status === 'paused') {
    set({ message: { kind: 'error', text: 'The engine is not ready (or a search is running): resume when it is.' } });
    return;
  }
  set({ checkpoint: null });
  const backend = s.engine.report?.backend;
  if (backend && backend !== run.backend) {
    set({
      message: {
        kind: 'info',
        text: `The interrupted run was measured on ${run.backend}; it continues on ${backend} (numbers may differ in the last digits).`,
      },
    });
  }
  setState({ run: { ...idleRun, status: 'cancelled', settings: run.settings, seed: run.seed, backend: run.backend, events: run.events } });
  await startRun({ resume: true });
}

export function discardCheckpoint(): void {
  set({ checkpoint: null });
  void persist.clearCheckpoint().catch(storageProblem);
}

export function dismissRunsMessage(): void {
  set({ message: null });
}
