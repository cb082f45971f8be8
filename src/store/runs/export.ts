/** The current run as a run file: its data (with its id and parent) and the JSON and CSV downloads. */
import { makeRun, type Run } from '../../engine/search/run-file';
import { runToCsvFile } from '../../engine/search/run-csv';
import { download } from './download';
import type { RunState } from '../slices/run';
import { getState } from '../store';

/** A run's id, for a branch its parent, and the own images it was measured on, as its run file records them. */
export function runMeta(r: Pick<RunState, 'id' | 'parent' | 'ownImages'>): Pick<Run, 'id' | 'parent' | 'ownImages'> {
  return { ...(r.id && { id: r.id }), ...(r.parent && { parent: r.parent }), ...(r.ownImages && { ownImages: r.ownImages }) };
}

/** The current run as run-file data; null when there is nothing to save. */
export function currentRun(): Run | null {
  const r = getState().run;
  if (!r.settings || r.events.length === 0) return null;
  return makeRun(r.seed, r.settings, r.backend, r.events, {
    environment: navigator.userAgent,
    ...(r.durationMs !== null && { durationMs: r.durationMs }),
    ...(r.replay !== null && { label: r.replay }),
    ...runMeta(r),
  });
}

/** Downloads the run (settings, seed, backend, events) as the engine's run JSON. */
export function exportRun(): void {
  const run = currentRun();
  if (run) download(`te-nas-run-seed${run.seed}-${run.backend}.json`, JSON.stringify(run, null, 1), 'application/json');
}

/** Downloads the run's candidates as CSV, with the seed, backend and settings that importing it back needs. */
export function exportCsv(): void {
  const run = currentRun();
  if (run) download(`te-nas-run-seed${run.seed}-${run.backend}.csv`, runToCsvFile(run), 'text/csv');
}
