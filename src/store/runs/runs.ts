/**
 * Runs as data on the page: import a run file, the recorded demo runs shipped
 * in public/runs, play back a run of the history, resume the checkpoint of an
 * interrupted one (kept by ./history). State in the store's `runs`; playing a
 * run back goes through the controller's replay (the live run's rendering path).
 */
import { z } from 'zod';
import { checkRunSize, isComplete, parseRun, RunFileError, type Run } from '../../engine/search/run-file';
import { runFromCsv } from '../../engine/search/run-csv';
import { settingsOf } from '../params/params';
import { PRESET_LABELS, presetOf } from '../../engine/model/settings';
import { firstIssue } from '../../engine/data/zod-message';
import { replayRun, startRun } from '../run/controller';
import type { HistoryEntry } from '../db/schema';
import { candidatesDone, totalCandidatesOf } from '../run/rounds';
import { runKey } from './run-id';
import { idleRun } from '../slices/run';
import type { Demo } from '../slices/runs';
import { getState, patchRuns, setState } from '../store';

// The CSP has no 'unsafe-eval': tell zod not to probe for it.
z.config({ jitless: true });

/** The architecture a finished run found; null while unfinished. */
export function runArch(run: Run): string | null {
  const result = run.events.find((e) => e.type === 'result');
  return result?.type === 'result' ? result.arch : null;
}

/** Seed, settings and backend of a run, and its progress when unfinished (describeRun without the architecture). */
export function describeRunSettings(run: Run): string {
  const preset = presetOf(run.settings);
  const what = preset ? PRESET_LABELS[preset] : 'custom settings';
  return `seed ${run.seed}, ${what}, ${run.backend}${runArch(run) === null ? `, ${candidatesDone(run.events)}/${totalCandidatesOf(run.settings)} candidates` : ''}`;
}

export function describeRun(run: Run): string {
  const arch = runArch(run);
  const own = run.ownImages ? `, measured on ${run.ownImages.count} of the user's own images` : '';
  return `${describeRunSettings(run)}${arch === null ? '' : `, ${arch}`}${own}`;
}

/** A run file's text: the run JSON, or the CSV the page exports (rebuilt from its rows; what it lacks, said). */
function readRunText(name: string, text: string): { run: Run; note: string } {
  if (!/\.csv$/i.test(name) && !text.startsWith('round,')) return { run: parseRun(text), note: '' };
  const { run, missing } = runFromCsv(text, settingsOf(getState().params));
  return { run, note: ` Rebuilt from the CSV's rows; a CSV does not carry ${missing.join(', ')}.` };
}

/** Reads a file chosen by the user (run JSON or CSV), refusing oversized ones before reading; plays it back when valid. */
export async function importFile(file: File): Promise<void> {
  try {
    checkRunSize(file.size);
    const { run, note } = readRunText(file.name, await file.text());
    patchRuns({
      message: {
        kind: 'info',
        text: `Imported ${file.name}: ${describeRun(run)}${isComplete(run) ? '' : ' (an unfinished run: Resume run continues it live)'}.${note}`,
      },
    });
    await play(run, `imported ${file.name}`);
  } catch (err) {
    const text = err instanceof RunFileError ? err.message : `could not read the file (${String(err)})`;
    patchRuns({ message: { kind: 'error', text: `${file.name}: ${text}. Nothing was changed.` } });
  }
}

/** The run last played back, whole (a branch of a playback branches from it, not from the part shown). */
let played: Run | null = null;

export function playedRun(): Run | null {
  return played;
}

async function play(run: Run, label: string): Promise<void> {
  played = run;
  if (!(await replayRun(run, label)))
    patchRuns({ message: { kind: 'error', text: 'A search is running: cancel it first to play a run back.' } });
}

export function replayHistory(entry: HistoryEntry): Promise<void> {
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
    if (res.status === 404 || !(res.headers.get('content-type') ?? '').includes('json'))
      return patchRuns({ demos: [], demosProblem: null });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const list = demoIndexSchema.safeParse(await res.json());
    if (!list.success) throw new Error(firstIssue(list.error, 'runs/index.json is invalid'));
    patchRuns({ demos: list.data, demosProblem: null });
  } catch (err) {
    patchRuns({ demos: [], demosProblem: `The recorded demos could not be listed (${err instanceof Error ? err.message : String(err)}).` });
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
      patchRuns((s) => ({ demos: s.demos.map((d) => (d.file === demo.file ? { ...d, run: loaded } : d)) }));
    }
    patchRuns({ message: { kind: 'info', text: `Playing the recording "${demo.label}" (${describeRun(run)}): nothing is computed.` } });
    await play(run, `recording: ${demo.label}`);
  } catch (err) {
    patchRuns({
      message: {
        kind: 'error',
        text: `The recording ${demo.file} could not be played (${err instanceof Error ? err.message : String(err)}).`,
      },
    });
  }
}

/** Resumes the offered checkpoint after its last finished candidate, once the engine is ready. */
export async function resumeCheckpoint(): Promise<void> {
  const run = getState().runs.checkpoint;
  if (!run) return;
  const s = getState();
  if (s.engine.status !== 'ready' || s.run.status === 'running' || s.run.status === 'paused') {
    patchRuns({ message: { kind: 'error', text: 'The engine is not ready (or a search is running): resume when it is.' } });
    return;
  }
  patchRuns({ checkpoint: null });
  const backend = s.engine.report?.backend;
  if (backend && backend !== run.backend) {
    patchRuns({
      message: {
        kind: 'info',
        text: `The interrupted run was measured on ${run.backend}; it continues on ${backend} (numbers may differ in the last digits).`,
      },
    });
  }
  // The same run goes on: its id, and for a branch its parent, are kept.
  const { settings, seed, events } = run;
  setState({
    run: { ...idleRun, status: 'cancelled', settings, seed, backend: run.backend, events, id: runKey(run), parent: run.parent ?? null },
  });
  await startRun({ resume: true });
}

export function dismissRunsMessage(): void {
  patchRuns({ message: null });
}
