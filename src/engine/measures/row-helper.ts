/**
 * One row helper over comlink, the same in both hosts: the browser's Web
 * Workers (src/worker/row-helpers.ts) and Node's worker threads
 * (src/node/row-helpers.ts) expose {@link RowsWorkerApi}; the caller wraps
 * the remote end with {@link rowHelper}, which names the thread in errors and
 * fails pending requests when the thread dies (comlink alone would wait forever).
 */
import type { Remote } from 'comlink';
import type { RowHelper, RowsRequest } from './rows';

/** What a row-helper thread exposes. */
export interface RowsWorkerApi {
  /** Resolves once the thread's backend runs; rejects when it cannot start. */
  ready(): Promise<string>;
  rows(req: RowsRequest): Promise<Float32Array>;
}

export interface HelperThread {
  remote: Remote<RowsWorkerApi>;
  /** Name used in errors, e.g. "Jacobian helper thread 2". */
  label: string;
  /** Registers the one callback to run when the thread dies (error or exit). */
  onDeath(fail: (reason: string) => void): void;
  /** Called with the number of requests in flight whenever it changes (Node: ref/unref). */
  onLoad?(inFlight: number): void;
}

export function rowHelper(t: HelperThread): RowHelper {
  let died: Error | null = null;
  const pending = new Set<(e: Error) => void>();
  t.onDeath((reason) => {
    died = new Error(`${t.label} failed: ${reason}`);
    for (const fail of pending) fail(died);
    pending.clear();
    t.onLoad?.(0);
  });
  return {
    rows(req) {
      if (died) return Promise.reject(died);
      return new Promise<Float32Array>((resolve, reject) => {
        pending.add(reject);
        t.onLoad?.(pending.size);
        t.remote
          .rows(req)
          .then(resolve, (e: unknown) => reject(new Error(`${t.label}: ${e instanceof Error ? e.message : String(e)}`)))
          .finally(() => {
            pending.delete(reject);
            t.onLoad?.(pending.size);
          });
      });
    },
  };
}
