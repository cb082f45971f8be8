/**
 * IndexedDB storage of runs: the history of finished runs and the checkpoint
 * of the run in progress (rewritten after every candidate, so a reload or a
 * crash loses at most the candidate being measured). Every call rejects when
 * the database cannot be opened (see ./open); callers report that and go on.
 */
import type { Run } from '../../engine/search/run-file';
import { database } from './open';
import { CURRENT, type HistoryEntry } from './schema';

export async function saveCheckpoint(run: Run): Promise<void> {
  await (await database()).put('checkpoint', run, CURRENT);
}

export async function loadCheckpoint(): Promise<unknown> {
  return (await database()).get('checkpoint', CURRENT);
}

export async function clearCheckpoint(): Promise<void> {
  await (await database()).delete('checkpoint', CURRENT);
}

export async function addHistory(run: Run): Promise<void> {
  await (await database()).add('history', { run, savedAt: new Date().toISOString() });
}

/** Replaces a run of the history (its entry keeps its id). */
export async function putHistory(entry: HistoryEntry): Promise<void> {
  await (await database()).put('history', entry);
}

/** The finished runs, newest first. */
export async function listHistory(): Promise<HistoryEntry[]> {
  const all = (await (await database()).getAll('history')) as HistoryEntry[];
  return all.sort((a, b) => b.id - a.id);
}

export async function deleteHistory(id: number): Promise<void> {
  await (await database()).delete('history', id);
}

export async function clearHistory(): Promise<void> {
  await (await database()).clear('history');
}
