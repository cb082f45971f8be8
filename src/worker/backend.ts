/**
 * Chooses and initialises the tfjs backend in the worker: WebGPU on a hardware
 * adapter, else WebAssembly, else the plain-JS cpu backend. A software WebGPU
 * adapter (SwiftShader) is ~200× slower than WebAssembly, so "auto" skips it.
 */
import * as tf from '@tensorflow/tfjs-core';
// Tensor methods such as t.reshape() (the Node entry gets them from the @tensorflow/tfjs union package).
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { probeAdapter } from './adapter';
import type { AdapterReport, BackendChoice, BackendName, InitReport } from './protocol';

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
    const e = tf.engine() as unknown as { registry: Record<string, unknown>; registryFactory: Record<string, unknown>; backendName: string | null; backendInstance: unknown; pendingBackendInit: unknown };
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
  // The threaded build dies under cross-origin isolation ("e is not defined"); never use it.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': new URL(wasmPlain, self.location.href).href,
    'tfjs-backend-wasm-simd.wasm': new URL(wasmSimd, self.location.href).href,
    'tfjs-backend-wasm-threaded-simd.wasm': new URL(wasmThreaded, self.location.href).href,
  });
  wasmConfigured = true;
}

/** Switches tfjs to `name`; false when that backend cannot start here. */
export async function activate(name: BackendName): Promise<boolean> {
  if (name === 'wasm') configureWasm();
  if (name === 'webgpu' && lostReason !== null) resetWebgpu();
  try {
    const ok = await tf.setBackend(name);
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
    const slow = choice === 'webgpu' && adapter.fallback ? ` on a software adapter (${describe(adapter)}): expect it to be far slower than WebAssembly` : '';
    return { order, reason: `${choice} forced in the settings${slow}` };
  }
  if (!adapter.webgpu) return { order: ['wasm', 'cpu'], reason: 'WebGPU: not offered by this browser — running on WebAssembly' };
  if (!adapter.found) return { order: ['wasm', 'cpu'], reason: `WebGPU: no adapter (${adapter.problem ?? 'none returned'}) — running on WebAssembly` };
  if (adapter.fallback) return { order: ['wasm', 'cpu'], reason: `WebGPU: software adapter only (${describe(adapter)}) — running on WebAssembly` };
  return { order: ['webgpu', 'wasm', 'cpu'], reason: `WebGPU: hardware adapter (${describe(adapter)})` };
}

export async function chooseBackend(choice: BackendChoice): Promise<InitReport> {
  const adapter = await probeAdapter();
  const { order, reason } = plan(choice, adapter);
  const failed: string[] = [];
  for (const name of order) {
    if (name === 'webgpu' && !adapter.found) {
      failed.push('webgpu (no adapter)');
      continue;
    }
    if (await activate(name)) {
      const why = failed.length ? `${reason}; ${failed.join(', ')} failed to start — running on ${name}` : reason;
      return { backend: name, choice, adapter, reason: why };
    }
    failed.push(name);
  }
  throw new Error(`no tfjs backend could start (tried ${failed.join(', ')})`);
}
