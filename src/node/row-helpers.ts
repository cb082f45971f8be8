/**
 * Jacobian row helpers for Node: worker threads, each with its own
 * single-threaded WebAssembly (or cpu) backend, so one NTK uses every core.
 * Only Node entry points (CLI, benchmarks, tests) import this file.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { type Helper, rowHelper, type RowsWorkerApi } from '../engine/measures/row-helper';
import type { NodeBackend } from './backend';

/** Threads for one NTK by default: one per core the process may use. */
export function defaultWorkers(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

export interface NodeRowHelpers {
  helpers: Helper[];
  /** Stops the worker threads (pending requests fail). */
  close(): Promise<void>;
}

/**
 * A worker thread running rows.worker.ts. From TypeScript sources (tsx,
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
  const helpers: Helper[] = [];
  for (let i = 0; i < count; i++) {
    const worker = spawn(backend);
    worker.unref(); // idle helpers never keep the process alive
    workers.push(worker);
    helpers.push(
      rowHelper({
        remote: Comlink.wrap<RowsWorkerApi>(nodeEndpoint(worker)),
        label: `Jacobian helper thread ${i + 1}`,
        onDeath(fail) {
          worker.on('error', (e) => fail(e.message));
          worker.on('exit', (code) => fail(`exited (code ${code})`));
        },
        // busy: keep the process alive until the answer
        onLoad: (inFlight) => (inFlight > 0 ? worker.ref() : worker.unref()),
      }),
    );
  }
  return {
    helpers,
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
