/**
 * Row helpers of the engine worker: on a CPU backend (WebAssembly), one more
 * Web Worker per spare core computes a share of the rows of every NTK, each
 * with its own single-threaded WebAssembly backend (engine/rows.ts). Needs no
 * SharedArrayBuffer, so it works without cross-origin isolation. Not used on
 * WebGPU, where the device is the parallel part.
 */
import * as Comlink from 'comlink';
import { begin, endAll } from './activity';
import { type Helper, rowHelper, type RowsWorkerApi } from '../engine/measures/row-helper';
import { setRowHelpers } from '../engine/measures/rows';
import { setCandidateHelpers } from '../engine/search/candidate-pool';
import { dataBase } from './data';
import type { BackendName } from './protocol';

/** Helpers to start: one per core beyond this worker's, at most 7. */
export function helperCount(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 1;
  return Math.max(0, Math.min(7, cores - 1));
}

interface Running {
  workers: Worker[];
  helpers: Helper[];
}

let running: Running | null = null;

function start(count: number): Running {
  const workers: Worker[] = [];
  const helpers: Helper[] = [];
  for (let i = 0; i < count; i++) {
    const worker = new Worker(new URL('./rows.worker.ts', import.meta.url), { type: 'module', name: `rows-${i + 1}` });
    workers.push(worker);
    helpers.push(
      rowHelper({
        remote: Comlink.wrap<RowsWorkerApi>(worker),
        label: `helper thread ${i + 1}`,
        dataUrl: dataBase,
        onDeath: (fail) => worker.addEventListener('error', (e) => fail(e.message || 'worker error')),
        onLoad: (inFlight) =>
          inFlight > 0 ? begin(`row helper ${i + 1}: ${inFlight} request(s) in flight`) : endAll(`row helper ${i + 1}:`),
      }),
    );
  }
  return { workers, helpers };
}

/**
 * Installs row helpers for `backend` when it is a CPU backend (starting them
 * once), and none otherwise. Returns the number of threads sharing each NTK.
 */
export function configureRowHelpers(backend: BackendName, count = helperCount()): number {
  if (backend !== 'wasm' || count === 0) {
    setRowHelpers(null, 'wasm');
    setCandidateHelpers(null);
    return 1;
  }
  if (!running || running.workers.length !== count) {
    stopRowHelpers();
    running = start(count);
  }
  setRowHelpers(running.helpers, 'wasm');
  // The DARTS search hands whole candidates to the same helpers (its 14-row NTKs are too small to share).
  setCandidateHelpers(running.helpers);
  return count + 1;
}

export function stopRowHelpers(): void {
  if (!running) return;
  for (const w of running.workers) w.terminate();
  running = null;
  setRowHelpers(null, 'wasm');
  setCandidateHelpers(null);
}
