/**
 * One helper thread over comlink, the same in both hosts: the browser's Web
 * Workers (src/worker/row-helpers.ts) and Node's worker threads
 * (src/node/row-helpers.ts) expose {@link RowsWorkerApi}: rows of an NTK's
 * Jacobian, or a whole candidate. The caller wraps the remote end with
 * {@link rowHelper}, which names the thread in errors and fails pending
 * requests when the thread dies (comlink alone would wait forever).
 */
import type { Remote } from 'comlink';
import type { CandidateMeasures } from '../search/candidate-measures';
import type { CandidateHelper } from '../search/candidate-pool';
import type { CandidateRequest } from '../search/candidate-request';
import type { RowHelper, RowsRequest } from './rows';

/** What a helper thread exposes. */
export interface RowsWorkerApi {
  /** Resolves once the thread's backend runs; rejects when it cannot start. */
  ready(): Promise<string>;
  rows(req: RowsRequest): Promise<Float32Array>;
  /** A whole candidate, on the thread's own copy of the data (the browser's from `dataUrl`, the page's data folder). */
  candidate(req: CandidateRequest, dataUrl?: string): Promise<CandidateMeasures>;
}

export interface HelperThread {
  remote: Remote<RowsWorkerApi>;
  /** Name used in errors, e.g. "Jacobian helper thread 2". */
  label: string;
  /** Registers the one callback to run when the thread dies (error or exit). */
  onDeath(fail: (reason: string) => void): void;
  /** Called with the number of requests in flight whenever it changes (Node: ref/unref). */
  onLoad?(inFlight: number): void;
  /** Browser: where the thread loads the data from (the page's data folder). */
  dataUrl?(): string;
}

/** A helper thread as the engine uses it: rows of NTKs and whole DARTS candidates. */
export type Helper = RowHelper & CandidateHelper;

export function rowHelper(t: HelperThread): Helper {
  let died: Error | null = null;
  const pending = new Set<(e: Error) => void>();
  t.onDeath((reason) => {
    died = new Error(`${t.label} failed: ${reason}`);
    for (const fail of pending) fail(died);
    pending.clear();
    t.onLoad?.(0);
  });
  function call<T>(run: () => Promise<T>): Promise<T> {
    if (died) return Promise.reject(died);
    return new Promise<T>((resolve, reject) => {
      pending.add(reject);
      t.onLoad?.(pending.size);
      run()
        .then(resolve, (e: unknown) => reject(new Error(`${t.label}: ${e instanceof Error ? e.message : String(e)}`)))
        .finally(() => {
          pending.delete(reject);
          t.onLoad?.(pending.size);
        });
    });
  }
  return {
    rows: (req) => call(() => t.remote.rows(req)),
    candidate: (req) => call(() => t.remote.candidate(req, t.dataUrl?.())),
  };
}
