/**
 * The app's one IndexedDB database, 'te-nas-explorer': its object stores and
 * how each version is laid out.
 *
 * - version 1: `history` (finished runs, keyPath id, auto-increment) and
 *   `checkpoint` (the run in progress under the key 'current');
 * - version 2 adds `studyMeta` (the correlation study's plan under 'current')
 *   and `studyRows` (one record per scored cell, keyPath code), which until
 *   then lived in a database of their own, 'tenas-studies' (./migrate moves
 *   them over);
 * - version 3 adds `ownImages`: the user's own images under 'current' (their
 *   pixels, count, label and thumbnails), so they survive a reload.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { Run } from '../../engine/search/run-file';
import type { StudyMeta, StudyRowView } from '../study/explore-state';

export const DB_NAME = 'te-nas-explorer';
export const DB_VERSION = 3;
/** The key of the one checkpoint and of the one study's plan. */
export const CURRENT = 'current';

/** A finished run in the history; `id` is given by the store when it is added. */
export interface HistoryEntry {
  id: number;
  run: Run;
  savedAt: string;
}

/** The user's own images as they were applied: n NHWC 32 × 32 images. */
export interface KeptImages {
  pixels: Uint8Array;
  n: number;
  label: string;
  thumbs: string[];
  savedAt: string;
}

export interface ExplorerSchema extends DBSchema {
  history: { key: number; value: Omit<HistoryEntry, 'id'> & { id?: number } };
  /** Read back as unknown: a checkpoint is validated as a run file before use. */
  checkpoint: { key: string; value: unknown };
  studyMeta: { key: string; value: StudyMeta };
  studyRows: { key: number; value: StudyRowView };
  ownImages: { key: string; value: KeptImages };
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
  if (oldVersion < 3) db.createObjectStore('ownImages');
}
