/**
 * The comparison of two runs of the history (store `steer.compare`): which
 * two, and their NAS-Bench-201 summaries, computed by the worker from each
 * run's final cell (the result card's numbers) and kept per cell.
 */
import type { Run } from '../../engine/search/run-file';
import type { ResultSummary } from '../../worker/protocol';
import { engineReady } from '../run/engine-ready';
import { runKey } from '../runs/run-id';
import { getState, patchSteer } from '../store';

export function compareRuns(a: string, b: string): void {
  patchSteer({ compare: [a, b] });
}

export function closeCompare(): void {
  patchSteer({ compare: null });
}

/** A run of the history by its id. */
export function historyRun(id: string): Run | null {
  return getState().runs.history.find((h) => runKey(h.run) === id)?.run ?? null;
}

const summaries = new Map<string, Promise<ResultSummary>>();

/** The NAS-Bench-201 summary of a cell (by its ops) for a class head, once the engine is ready. */
export function summaryOf(ops: number[], numClasses: number): Promise<ResultSummary> {
  const k = `${ops.join('')}/${numClasses}`;
  let p = summaries.get(k);
  if (!p) {
    p = engineReady().then((api) => api.summarise(ops, numClasses));
    p.catch(() => summaries.delete(k));
    summaries.set(k, p);
  }
  return p;
}
