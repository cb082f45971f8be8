/**
 * IndexedDB storage of the correlation study in progress (database
 * 'tenas-studies'): its plan in `meta`, and one record per scored cell in
 * `rows` (written as each cell finishes, so a reload or a crash loses at most
 * the cell being scored and the study resumes where it stopped). Fails soft:
 * without IndexedDB the study still runs, it just is not kept.
 */
import type { StudyMeta, StudyRowView } from './explore-state';
import { lazyDatabase } from './idb';

const DB_NAME = 'tenas-studies';
const DB_VERSION = 1;
const META = 'meta';
const ROWS = 'rows';
const KEY = 'current';

const open = lazyDatabase(DB_NAME, DB_VERSION, { [META]: null, [ROWS]: { keyPath: 'code' } });

function done(t: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
    t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted (storage full?)'));
  });
}

/** Starts a new saved study: the plan, no rows (or the given ones). */
export async function saveStudy(meta: StudyMeta, rows: readonly StudyRowView[] = []): Promise<void> {
  const t = (await open()).transaction([META, ROWS], 'readwrite');
  t.objectStore(META).put(meta, KEY);
  const r = t.objectStore(ROWS);
  r.clear();
  for (const row of rows) r.put(row);
  await done(t);
}

export async function updateMeta(meta: StudyMeta): Promise<void> {
  const t = (await open()).transaction(META, 'readwrite');
  t.objectStore(META).put(meta, KEY);
  await done(t);
}

export async function addRow(row: StudyRowView): Promise<void> {
  const t = (await open()).transaction(ROWS, 'readwrite');
  t.objectStore(ROWS).put(row);
  await done(t);
}

/** The saved study, rows in the plan's order; null when there is none. */
export async function loadStudy(): Promise<{ meta: StudyMeta; rows: StudyRowView[] } | null> {
  const t = (await open()).transaction([META, ROWS], 'readonly');
  const m = t.objectStore(META).get(KEY) as IDBRequest<StudyMeta | undefined>;
  const r = t.objectStore(ROWS).getAll() as IDBRequest<StudyRowView[]>;
  await done(t);
  const meta = m.result;
  if (!meta || !Array.isArray(meta.codes)) return null;
  const order = new Map(meta.codes.map((c, i) => [c, i]));
  const rows = r.result.filter((x) => order.has(x.code)).sort((a, b) => order.get(a.code)! - order.get(b.code)!);
  return { meta, rows };
}

export async function clearStudy(): Promise<void> {
  const t = (await open()).transaction([META, ROWS], 'readwrite');
  t.objectStore(META).delete(KEY);
  t.objectStore(ROWS).clear();
  await done(t);
}
