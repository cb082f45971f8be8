/**
 * tfjs backends for Node (CLI, tests, benchmarks): wasm (default) and cpu.
 * There is no webgpu backend in Node. The union package `@tensorflow/tfjs`
 * is imported here because its Node bundle is the one that registers the
 * autodiff gradients (tfjs-core's own Node bundle does not), which only the
 * naive reference Jacobian needs. Only Node entry points import this file.
 *
 * wasm comes in two flavours under the one backend name 'wasm' (so every
 * wasm kernel applies to both): threads = 1 is tfjs's own single-threaded
 * SIMD build, threads = 2..8 the threaded-SIMD build (wasm-threads-node.ts).
 * Switching flavour disposes the old wasm backend: tensors made on it are gone.
 */
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { registerWasmGradKernels } from '../engine/checks/wasm-grad-kernels';
import { selectKernels, type KernelChoice } from '../engine/kernels/own-kernels';
import { MAX_WASM_THREADS } from '../engine/platform/wasm-threaded';
import { createThreadedWasmBackend } from './wasm-threads';

export type NodeBackend = 'wasm' | 'cpu';
export const NODE_BACKENDS: readonly NodeBackend[] = ['wasm', 'cpu'];
export { MAX_WASM_THREADS };

export interface NodeBackendOptions {
  /** wasm only: 1 = single-threaded SIMD build (default), 2..8 = threaded-SIMD build with that many threads. */
  threads?: number;
  /** wasm only: the convolution kernels, tfjs's or the project's own (default own; see engine/kernels). */
  kernels?: KernelChoice;
}

const WASM_PRIORITY = 2; // tfjs-backend-wasm's own
/** tfjs-backend-wasm's registered factory (its single-threaded init), kept to switch back to it. */
const singleThreaded = tf.findBackendFactory('wasm');
/** Threads of the factory now registered under 'wasm'. */
let registeredThreads = 1;

/** Threads of the wasm flavour now registered (1 = single-threaded SIMD). */
export function wasmThreads(): number {
  return registeredThreads;
}

function registerWasmFlavour(threads: number): void {
  if (threads === registeredThreads) return;
  if (!singleThreaded) throw new Error('tfjs-backend-wasm registered no wasm backend');
  tf.removeBackend('wasm'); // disposes an initialised one (terminating its threads)
  tf.registerBackend('wasm', threads === 1 ? singleThreaded : () => createThreadedWasmBackend(threads), WASM_PRIORITY);
  registeredThreads = threads;
}

export async function setNodeBackend(name: NodeBackend, options: NodeBackendOptions = {}): Promise<void> {
  if (!NODE_BACKENDS.includes(name)) throw new Error(`unknown backend "${name}" (Node offers ${NODE_BACKENDS.join(', ')})`);
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_WASM_THREADS)
    throw new Error(`threads must be an integer in 1..${MAX_WASM_THREADS} (got ${threads})`);
  if (name === 'wasm') registerWasmFlavour(threads);
  const ok = await tf.setBackend(name);
  if (!ok)
    throw new Error(`the ${name} backend failed to initialise${name === 'wasm' && threads > 1 ? ` (threaded, ${threads} threads)` : ''}`);
  await tf.ready();
  if (name === 'wasm') {
    registerWasmGradKernels();
    selectKernels(options.kernels ?? 'own');
  }
}
