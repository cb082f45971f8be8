/**
 * IndexedDB storage of runs: the history of finished runs and the checkpoint
 * of the run in progress (rewritten after every candidate, so a reload or a
 * crash loses at most the candidate being measured). Every call fails soft:
 * without IndexedDB (private mode, blocked storage) the app still works and
 * says that nothing is kept.
 */
import type { Run } from '../engine/search/run-file';
import { lazyDatabase } from './idb';

const DB_NAME = 'te-nas-explorer';
const DB_VERSION = 1;
const HISTORY = 'history';
const CHECKPOINT = 'checkpoint';
const CHECKPOINT_KEY = 'current';

export interface HistoryEntry {
  id: number;
  run: Run;
  savedAt: string;
}

const open = lazyDatabase(DB_NAME, DB_VERSION, { [HISTORY]: { keyPath: 'id', autoIncrement: true }, [CHECKPOINT]: null });

async function tx<T>(store: string, mode: IDBTransactionMode, body: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const d = await open();
  return new Promise<T | undefined>((resolve, reject) => {
    const t = d.transaction(store, mode);
    const req = body(t.objectStore(store));
    t.oncomplete = () => resolve(req ? req.result : undefined);
    t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
    t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted (storage full?)'));
  });
}

export async function saveCheckpoint(run: Run): Promise<void> {
  await tx(CHECKPOINT, 'readwrite', (s) => s.put(run, CHECKPOINT_KEY));
}

export async function loadCheckpoint(): Promise<unknown> {
  return tx<unknown>(CHECKPOINT, 'readonly', (s) => s.get(CHECKPOINT_KEY));
}

export async function clearCheckpoint(): Promise<void> {
  await tx(CHECKPOINT, 'readwrite', (s) => s.delete(CHECKPOINT_KEY));
}

export async function addHistory(run: Run): Promise<void> {
  await tx(HISTORY, 'readwrite', (s) => s.add({ run, savedAt: new Date().toISOString() }));
}

export async function listHistory(): Promise<HistoryEntry[]> {
  const all = (await tx<HistoryEntry[]>(HISTORY, 'readonly', (s) => s.getAll() as IDBRequest<HistoryEntry[]>)) ?? [];
  return all.sort((a, b) => b.id - a.id);
}

export async function deleteHistory(id: number): Promise<void> {
  await tx(HISTORY, 'readwrite', (s) => s.delete(id));
}

export async function clearHistory(): Promise<void> {
  await tx(HISTORY, 'readwrite', (s) => s.clear());
}
