/**
 * One-time move of the correlation study that versions before the single
 * database kept in a database of their own, 'tenas-studies' (`meta`: the plan
 * under 'current'; `rows`: one record per cell, keyPath code), into
 * 'te-nas-explorer''s studyMeta / studyRows. The old database is deleted only
 * after the copy has committed; a failure leaves it in place (tried again on
 * the next visit) and is reported, so nothing is lost.
 */
import { type DBSchema, deleteDB, type IDBPDatabase, openDB } from 'idb';
import type { StudyMeta, StudyRowView } from '../study/explore-state';
import { migrationProblem } from '../runs/storage-problem';
import { CURRENT, type ExplorerDb } from './schema';

export const OLD_STUDY_DB = 'tenas-studies';

/** The old database's layout (version 1). */
interface OldStudySchema extends DBSchema {
  meta: { key: string; value: StudyMeta };
  rows: { key: number; value: StudyRowView };
}
type OldStudyDb = IDBPDatabase<OldStudySchema>;

/** Moves the old study over if there is one; never throws (a failure is reported). */
export async function migrateStudies(db: ExplorerDb): Promise<void> {
  try {
    const old = await openOld();
    if (!old) return;
    try {
      await copyStudy(old, db);
    } finally {
      old.close();
    }
    // Not awaited: a tab of an earlier version may hold the old database open (deletion waits for it); the copy is safe already.
    void deleteDB(OLD_STUDY_DB).catch(() => undefined);
  } catch (err) {
    migrationProblem(err);
  }
}

/** The old database if it exists (without creating it), else null. */
async function openOld(): Promise<OldStudyDb | null> {
  if ('databases' in indexedDB) {
    const list = await indexedDB.databases();
    if (!list.some((d) => d.name === OLD_STUDY_DB)) return null;
  }
  let created = false;
  try {
    return await openDB<OldStudySchema>(OLD_STUDY_DB, undefined, {
      // It did not exist: opening made an empty one; abort that (and delete it, should a browser keep it).
      upgrade: (_d, oldVersion, _v, tx) => {
        if (oldVersion > 0) return;
        created = true;
        tx.done.catch(() => undefined);
        tx.abort();
      },
    });
  } catch (err) {
    if (!created) throw err;
    await deleteDB(OLD_STUDY_DB).catch(() => undefined);
    return null;
  }
}

/**
 * Copies the old plan and rows in one transaction, unless the new database
 * already holds a study: the same one (copied on an earlier visit whose
 * deletion of the old database did not happen) or a newer one the user
 * started. In the latter case the old database is kept (thrown as a problem).
 */
async function copyStudy(old: OldStudyDb, db: ExplorerDb): Promise<void> {
  if (!old.objectStoreNames.contains('meta') || !old.objectStoreNames.contains('rows')) return;
  const readTx = old.transaction(['meta', 'rows'], 'readonly');
  const [meta, rows] = await Promise.all([readTx.objectStore('meta').get(CURRENT), readTx.objectStore('rows').getAll(), readTx.done]);
  if (meta === undefined) return;
  const tx = db.transaction(['studyMeta', 'studyRows'], 'readwrite');
  const metaStore = tx.objectStore('studyMeta');
  const rowStore = tx.objectStore('studyRows');
  const have = await metaStore.get(CURRENT);
  if (have !== undefined) {
    await tx.done;
    if (have.createdAt !== meta.createdAt)
      throw new Error(
        `a study started since (${have.createdAt}) is in its place; the earlier one (${meta.createdAt}) stays in '${OLD_STUDY_DB}'`,
      );
    return;
  }
  await Promise.all([metaStore.put(meta, CURRENT), rowStore.clear(), ...rows.map((r) => rowStore.put(r)), tx.done]);
}
