/**
 * Runs kept in this browser: the history of finished runs and the checkpoint
 * of the run in progress (IndexedDB, see ./db/runs), mirrored in the store's
 * `runs`. A storage failure is reported under the runs list, never thrown.
 */
import { isComplete, parseRun, type Run } from '../../engine/search/run-file';
import * as db from '../db/runs';
import { candidatesDone } from '../run/rounds';
import { runKey } from './run-id';
import { storageProblem } from './storage-problem';
import { patchRuns } from '../store';

export async function refreshHistory(): Promise<void> {
  try {
    patchRuns({ history: await db.listHistory() });
  } catch (err) {
    storageProblem(err);
  }
}

/** Rewrites the checkpoint of the run in progress (after every candidate). */
export function saveCheckpoint(run: Run): Promise<void> {
  return db.saveCheckpoint(run).catch(storageProblem);
}

/** A finished run goes to the history; its checkpoint is no longer needed. */
export function keepFinishedRun(run: Run): Promise<void> {
  return keep(run)
    .then(() => db.clearCheckpoint())
    .catch(storageProblem);
}

/**
 * Keeps a run in the history unless a run with its id is there already (a
 * parent replayed from the history, then branched); an unfinished entry of
 * that id is replaced by the finished run.
 */
export function keepRun(run: Run): Promise<void> {
  return keep(run).catch(storageProblem);
}

async function keep(run: Run): Promise<void> {
  const key = runKey(run);
  const have = (await db.listHistory()).find((h) => runKey(h.run) === key);
  if (!have) await db.addHistory(run);
  else if (!isComplete(have.run) && isComplete(run)) await db.putHistory({ ...have, run });
  await refreshHistory();
}

export async function deleteRun(id: number): Promise<void> {
  await db.deleteHistory(id).catch(storageProblem);
  await refreshHistory();
}

export async function clearRuns(): Promise<void> {
  await db.clearHistory().catch(storageProblem);
  await refreshHistory();
}

/** At start-up: an unfinished checkpoint (a reload or crash mid-search) is offered for resuming. */
export async function checkCheckpoint(): Promise<void> {
  try {
    const raw = await db.loadCheckpoint();
    if (raw === undefined) return;
    let run: Run;
    try {
      run = parseRun(JSON.stringify(raw));
    } catch {
      await db.clearCheckpoint();
      return;
    }
    if (isComplete(run) || candidatesDone(run.events) === 0) return void db.clearCheckpoint();
    patchRuns({ checkpoint: run });
  } catch (err) {
    storageProblem(err);
  }
}

export function discardCheckpoint(): void {
  patchRuns({ checkpoint: null });
  void db.clearCheckpoint().catch(storageProblem);
}
