/**
 * Chooses and initialises the tfjs backend in the worker: WebGPU on a hardware
 * adapter, else WebAssembly, else the plain-JS cpu backend. A software WebGPU
 * adapter (SwiftShader) is ~200× slower than WebAssembly, so "auto" skips it.
 *
 * WebAssembly comes in two flavours under the one backend name 'wasm': the
 * threaded-SIMD build (engine/wasm-threaded.ts) when the page is
 * cross-origin isolated (SharedArrayBuffer; COOP/COEP headers), else tfjs's
 * single-threaded SIMD build. Only chooseBackend (the engine worker) asks for
 * threads; other callers of activate (row helpers) get the single-threaded one.
 */
import * as tf from '@tensorflow/tfjs-core';
// Tensor methods such as t.reshape() (the Node entry gets them from the @tensorflow/tfjs union package).
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as threadedFactoryModule from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
// The factory's original, unminified text as a file of the build: the pthread workers importScripts it.
import threadedScript from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';
import { wasmWorkerContents } from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js';
import '@tensorflow/tfjs-backend-webgpu';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { MAX_WASM_THREADS, startThreadedBackend, workerScriptText } from '../engine/platform/wasm-threaded';
import type { ThreadedFactory } from '../engine/platform/wasm-threaded';
import { probeAdapter } from './adapter';
import type { AdapterReport, BackendChoice, BackendName, InitReport, Parallel } from './protocol';

let wasmConfigured = false;

/** Why the WebGPU device was lost (null while it is fine); set by device.lost. */
let lostReason: string | null = null;
let watched: GPUDevice | null = null;
/** Resolves with the reason when the watched device is lost. */
let lostSignal: Promise<string> | null = null;

/** A promise that resolves when the current WebGPU device is lost; null when not on WebGPU. */
export function whenDeviceLost(): Promise<string> | null {
  return tf.getBackend() === 'webgpu' ? lostSignal : null;
}

export function deviceLost(): string | null {
  return lostReason;
}

function webgpuDevice(): GPUDevice | null {
  try {
    return (tf.findBackend('webgpu') as unknown as { device?: GPUDevice } | null)?.device ?? null;
  } catch {
    return null;
  }
}

function watchDevice(): void {
  const device = webgpuDevice();
  if (!device || device === watched) return;
  watched = device;
  lostReason = null;
  lostSignal = device.lost.then((info) => {
    const why = `${info.reason}${info.message ? `: ${info.message}` : ''}`;
    if (watched === device) lostReason = why;
    return why;
  });
}

/** Test hook: destroys the WebGPU device, as a driver reset or a lost GPU would. */
export function destroyDevice(): boolean {
  const device = webgpuDevice();
  if (!device || tf.getBackend() !== 'webgpu') return false;
  device.destroy();
  return true;
}

/** Drops a WebGPU backend whose device is lost and registers its factory again, so the next activation asks for a new device. */
function resetWebgpu(): void {
  const factory = tf.findBackendFactory('webgpu');
  if (!factory) return;
  try {
    tf.removeBackend('webgpu');
  } catch {
    // dispose() on a lost device may throw; remove the registration by hand
    const e = tf.engine() as unknown as {
      registry: Record<string, unknown>;
      registryFactory: Record<string, unknown>;
      backendName: string | null;
      backendInstance: unknown;
      pendingBackendInit: unknown;
    };
    delete e.registry.webgpu;
    delete e.registryFactory.webgpu;
    if (e.backendName === 'webgpu') {
      e.backendName = null;
      e.backendInstance = null;
      e.pendingBackendInit = null;
    }
  }
  tf.registerBackend('webgpu', factory, 3);
  watched = null;
  lostReason = null;
  lostSignal = null;
}

function configureWasm(): void {
  if (wasmConfigured) return;
  // tfjs's own init() always starts the single-threaded SIMD build: under cross-origin isolation its threaded path
  // dies with "ReferenceError: e is not defined" (see engine/wasm-threaded.ts); we start the threaded one ourselves.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': new URL(wasmPlain, self.location.href).href,
    'tfjs-backend-wasm-simd.wasm': new URL(wasmSimd, self.location.href).href,
    'tfjs-backend-wasm-threaded-simd.wasm': new URL(wasmThreaded, self.location.href).href,
  });
  singleThreaded = tf.findBackendFactory('wasm');
  wasmConfigured = true;
}

/** tfjs-backend-wasm's registered factory (its single-threaded init). */
let singleThreaded: (() => tf.KernelBackend | Promise<tf.KernelBackend>) | null = null;
/** Threads of the wasm flavour registered now (1: single-threaded SIMD). */
let registeredThreads = 1;
/** Threads this worker asks for when it activates wasm (chooseBackend sets it; 1 elsewhere). */
let wantedThreads = 1;
/** Why the wasm flavour is what it is (shown with the backend's reason). */
let wasmNote = '';

/** Threads of the WebAssembly backend now registered: 1 = single-threaded SIMD, more = threaded-SIMD. */
export function wasmThreads(): number {
  return registeredThreads;
}

/** How many threads WebAssembly may use in this worker, and why. */
function threadPlan(): { threads: number; why: string } {
  if (!self.crossOriginIsolated || typeof SharedArrayBuffer !== 'function') {
    return { threads: 1, why: 'the page is not cross-origin isolated (no COOP/COEP headers), so no SharedArrayBuffer' };
  }
  const cores = navigator.hardwareConcurrency || 1;
  if (cores < 2) return { threads: 1, why: 'one core' };
  const threads = Math.min(cores, MAX_WASM_THREADS);
  return { threads, why: `cross-origin isolated, ${cores} cores` };
}

async function startThreaded(threads: number): Promise<tf.KernelBackend> {
  const factory = ((threadedFactoryModule as { default?: unknown }).default ?? threadedFactoryModule) as ThreadedFactory;
  const workerUrl = URL.createObjectURL(new Blob([workerScriptText(wasmWorkerContents)], { type: 'text/javascript' }));
  const binaryUrl = new URL(wasmThreaded, self.location.href).href;
  try {
    const { backend } = await startThreadedBackend(
      factory,
      {
        workerScript: workerUrl,
        mainScript: new URL(threadedScript, self.location.href).href,
        instantiate: (imports) => WebAssembly.instantiateStreaming(fetch(binaryUrl, { credentials: 'same-origin' }), imports),
      },
      threads,
      30_000,
    );
    return backend;
  } finally {
    URL.revokeObjectURL(workerUrl); // the pool's workers are all created by now
  }
}

/** Registers the wasm flavour with `threads` (switching disposes the wasm backend, and its tensors, if it ran). */
function registerWasmFlavour(threads: number, onError: (e: unknown) => void): void {
  if (threads === registeredThreads) return;
  if (!singleThreaded) throw new Error('tfjs-backend-wasm registered no wasm backend');
  tf.removeBackend('wasm');
  const factory =
    threads === 1
      ? singleThreaded
      : () =>
          startThreaded(threads).catch((e: unknown) => {
            onError(e);
            throw e;
          });
  tf.registerBackend('wasm', factory, 2);
  registeredThreads = threads;
}

async function activateWasm(): Promise<boolean> {
  configureWasm();
  let failure: unknown = null;
  registerWasmFlavour(wantedThreads, (e) => (failure = e));
  const ok = await tf.setBackend('wasm');
  if (ok || registeredThreads === 1) return ok;
  // The threaded build failed to start: say why, and run single-threaded.
  const message = failure instanceof Error ? failure.message : String(failure ?? 'unknown failure');
  console.warn(`WebAssembly threads failed (${message}); running single-threaded`);
  wasmNote = `single-threaded: the threaded build failed to start (${message})`;
  wantedThreads = 1;
  registerWasmFlavour(1, () => undefined);
  return tf.setBackend('wasm');
}

/** Switches tfjs to `name`; false when that backend cannot start here. */
export async function activate(name: BackendName): Promise<boolean> {
  if (name === 'webgpu' && lostReason !== null) resetWebgpu();
  try {
    const ok = name === 'wasm' ? await activateWasm() : await tf.setBackend(name);
    if (ok) await tf.ready();
    if (ok && name === 'webgpu') watchDevice();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

function describe(a: AdapterReport): string {
  if (!a.found) return a.problem ?? 'no WebGPU adapter';
  return `${a.vendor || 'unknown vendor'} ${a.architecture || ''}`.trim();
}

/** The backends to try, in order, with the reason for the first. */
function plan(choice: BackendChoice, adapter: AdapterReport): { order: BackendName[]; reason: string } {
  if (choice !== 'auto') {
    const order = [choice, 'wasm', 'cpu'].filter((b, i, a) => a.indexOf(b) === i) as BackendName[];
    const slow =
      choice === 'webgpu' && adapter.fallback
        ? ` on a software adapter (${describe(adapter)}): expect it to be far slower than WebAssembly`
        : '';
    return { order, reason: `${choice} forced in the settings${slow}` };
  }
  if (!adapter.webgpu) return { order: ['wasm', 'cpu'], reason: 'WebGPU: not offered by this browser — running on WebAssembly' };
  if (!adapter.found)
    return { order: ['wasm', 'cpu'], reason: `WebGPU: no adapter (${adapter.problem ?? 'none returned'}) — running on WebAssembly` };
  if (adapter.fallback)
    return { order: ['wasm', 'cpu'], reason: `WebGPU: software adapter only (${describe(adapter)}) — running on WebAssembly` };
  return { order: ['webgpu', 'wasm', 'cpu'], reason: `WebGPU: hardware adapter (${describe(adapter)})` };
}

export async function chooseBackend(choice: BackendChoice, parallel: Parallel = 'rows'): Promise<InitReport> {
  const adapter = await probeAdapter();
  const { order, reason } = plan(choice, adapter);
  const threads = parallel === 'threads' ? threadPlan() : { threads: 1, why: 'the cores are used by row helpers (par=rows)' };
  wantedThreads = threads.threads;
  wasmNote = threads.threads > 1 ? `threaded SIMD, ${threads.threads} threads: ${threads.why}` : `single-threaded SIMD: ${threads.why}`;
  const failed: string[] = [];
  for (const name of order) {
    if (name === 'webgpu' && !adapter.found) {
      failed.push('webgpu (no adapter)');
      continue;
    }
    if (await activate(name)) {
      const why = failed.length ? `${reason}; ${failed.join(', ')} failed to start — running on ${name}` : reason;
      if (name !== 'wasm') return { backend: name, choice, adapter, reason: why };
      return { backend: name, choice, adapter, reason: `${why} (WebAssembly ${wasmNote})`, wasmThreads: registeredThreads };
    }
    failed.push(name);
  }
  throw new Error(`no tfjs backend could start (tried ${failed.join(', ')})`);
}
