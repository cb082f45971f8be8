/**
 * Jacobian row helpers for Node: worker threads, each with its own
 * single-threaded WebAssembly (or cpu) backend, so one NTK uses every core.
 * Only Node entry points (CLI, benchmarks, tests) import this file.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { NodeBackend } from './backend';
import type { RowHelper, RowsRequest } from '../engine/measures/rows';

/** Threads for one NTK by default: one per core the process may use. */
export function defaultWorkers(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

export interface NodeRowHelpers {
  helpers: RowHelper[];
  /** Stops the worker threads (pending requests fail). */
  close(): Promise<void>;
}

/**
 * A worker thread running node-rows.worker. From TypeScript sources (tsx,
 * vitest) the thread loads the module through tsx's tsImport, since loader
 * flags of the parent do not reach worker threads.
 */
function spawn(backend: NodeBackend): Worker {
  const url = new URL('./rows.worker.ts', import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: { backend } });
  const api = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/index\.cjs$/, 'index.mjs'),
  ).href;
  const code = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}));`;
  return new Worker(code, { eval: true, workerData: { backend } });
}

/**
 * Starts `count` helper threads (the caller's thread is the (count + 1)-th
 * participant). count 0 gives no helpers.
 */
export function startRowHelpers(count: number, backend: NodeBackend): NodeRowHelpers {
  const workers: Worker[] = [];
  const helpers: RowHelper[] = [];
  for (let i = 0; i < count; i++) {
    const worker = spawn(backend);
    const pending = new Map<number, { resolve: (v: Float32Array) => void; reject: (e: Error) => void }>();
    let next = 0;
    const failAll = (e: Error) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    };
    worker.unref(); // idle helpers never keep the process alive
    worker.on('message', (m: { id: number; rows?: Float32Array; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (pending.size === 0) worker.unref();
      if (m.rows) p.resolve(m.rows);
      else p.reject(new Error(`Jacobian helper thread ${i + 1}: ${m.error ?? 'no result'}`));
    });
    worker.on('error', (e) => failAll(new Error(`Jacobian helper thread ${i + 1} failed: ${e.message}`)));
    worker.on('exit', (code) => failAll(new Error(`Jacobian helper thread ${i + 1} exited (code ${code})`)));
    workers.push(worker);
    helpers.push({
      rows(req: RowsRequest) {
        return new Promise<Float32Array>((resolve, reject) => {
          const id = next++;
          pending.set(id, { resolve, reject });
          worker.ref(); // busy: keep the process alive until the answer
          worker.postMessage({ id, req });
        });
      },
    });
  }
  return {
    helpers,
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
