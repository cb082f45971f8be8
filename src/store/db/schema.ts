/**
 * The app's one IndexedDB database, 'te-nas-explorer': its object stores and
 * how each version is laid out.
 *
 * - version 1: `history` (finished runs, keyPath id, auto-increment) and
 *   `checkpoint` (the run in progress under the key 'current');
 * - version 2 adds `studyMeta` (the correlation study's plan under 'current')
 *   and `studyRows` (one record per scored cell, keyPath code), which until
 *   then lived in a database of their own, 'tenas-studies' (./migrate moves
 *   them over).
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { Run } from '../../engine/search/run-file';
import type { StudyMeta, StudyRowView } from '../explore-state';

export const DB_NAME = 'te-nas-explorer';
export const DB_VERSION = 2;
/** The key of the one checkpoint and of the one study's plan. */
export const CURRENT = 'current';

/** A finished run in the history; `id` is given by the store when it is added. */
export interface HistoryEntry {
  id: number;
  run: Run;
  savedAt: string;
}

export interface ExplorerSchema extends DBSchema {
  history: { key: number; value: Omit<HistoryEntry, 'id'> & { id?: number } };
  /** Read back as unknown: a checkpoint is validated as a run file before use. */
  checkpoint: { key: string; value: unknown };
  studyMeta: { key: string; value: StudyMeta };
  studyRows: { key: number; value: StudyRowView };
}

export type ExplorerDb = IDBPDatabase<ExplorerSchema>;

/** Creates the stores a database at `oldVersion` lacks (0: a new database). */
export function upgrade(db: ExplorerDb, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore('history', { keyPath: 'id', autoIncrement: true });
    db.createObjectStore('checkpoint');
  }
  if (oldVersion < 2) {
    db.createObjectStore('studyMeta');
    db.createObjectStore('studyRows', { keyPath: 'code' });
  }
}
