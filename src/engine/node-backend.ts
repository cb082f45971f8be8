/**
 * tfjs backends for Node (CLI, tests, benchmarks): wasm (default) and cpu.
 * There is no webgpu backend in Node. The union package `@tensorflow/tfjs`
 * is imported here because its Node bundle is the one that registers the
 * autodiff gradients (tfjs-core's own Node bundle does not), which only the
 * naive reference Jacobian needs. Only Node entry points import this file.
 */
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { registerWasmGradKernels } from './wasm-grad-kernels';

export type NodeBackend = 'wasm' | 'cpu';
export const NODE_BACKENDS: readonly NodeBackend[] = ['wasm', 'cpu'];

export async function useNodeBackend(name: NodeBackend): Promise<void> {
  if (!NODE_BACKENDS.includes(name)) throw new Error(`unknown backend "${name}" (Node offers ${NODE_BACKENDS.join(', ')})`);
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`the ${name} backend failed to initialise`);
  await tf.ready();
  if (name === 'wasm') registerWasmGradKernels();
}
