/**
 * IndexedDB storage of the correlation study in progress: its plan in
 * `studyMeta`, and one record per scored cell in `studyRows` (written as each
 * cell finishes, so a reload or a crash loses at most the cell being scored
 * and the study resumes where it stopped). Fails soft like ./runs: without
 * IndexedDB the study still runs, it just is not kept.
 */
import type { StudyMeta, StudyRowView } from '../study/explore-state';
import { database } from './open';
import { CURRENT } from './schema';

/** Starts a new saved study: the plan, no rows (or the given ones). */
export async function saveStudy(meta: StudyMeta, rows: readonly StudyRowView[] = []): Promise<void> {
  const tx = (await database()).transaction(['studyMeta', 'studyRows'], 'readwrite');
  const r = tx.objectStore('studyRows');
  await Promise.all([tx.objectStore('studyMeta').put(meta, CURRENT), r.clear(), ...rows.map((row) => r.put(row)), tx.done]);
}

export async function updateMeta(meta: StudyMeta): Promise<void> {
  await (await database()).put('studyMeta', meta, CURRENT);
}

export async function addRow(row: StudyRowView): Promise<void> {
  await (await database()).put('studyRows', row);
}

/** The saved study, rows in the plan's order; null when there is none. */
export async function loadStudy(): Promise<{ meta: StudyMeta; rows: StudyRowView[] } | null> {
  const tx = (await database()).transaction(['studyMeta', 'studyRows'], 'readonly');
  const [meta, all] = await Promise.all([tx.objectStore('studyMeta').get(CURRENT), tx.objectStore('studyRows').getAll(), tx.done]);
  if (!meta || !Array.isArray(meta.codes)) return null;
  const order = new Map(meta.codes.map((c, i) => [c, i]));
  const rows = all.filter((x) => order.has(x.code)).sort((a, b) => order.get(a.code)! - order.get(b.code)!);
  return { meta, rows };
}

export async function clearStudy(): Promise<void> {
  const tx = (await database()).transaction(['studyMeta', 'studyRows'], 'readwrite');
  await Promise.all([tx.objectStore('studyMeta').delete(CURRENT), tx.objectStore('studyRows').clear(), tx.done]);
}
