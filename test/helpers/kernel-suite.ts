/**
 * Set-up shared by the own-kernel tests (test/engine/kernels): the wasm
 * backend with a kernel choice for a describe block, no tensor left behind at
 * its end, one computation under both kernel choices, and the relative
 * difference the tests bound.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { type KernelChoice, selectKernels } from '../../src/engine/kernels/own-kernels';
import { backend } from './engine';

/** Call inside a describe: wasm with `kernels` before its tests; after them, the own kernels again and the tensor count unchanged. */
export function wasmKernelSuite(kernels: KernelChoice = 'own'): void {
  let before = 0;
  beforeAll(async () => {
    await backend('wasm', kernels);
    before = tf.memory().numTensors;
  });
  afterAll(() => {
    selectKernels('own');
    expect(tf.memory().numTensors).toBe(before);
  });
}

/** f() with tfjs's kernels, then with the own ones (left selected). */
export function underBothKernels<T>(f: () => T): [T, T] {
  selectKernels('tfjs');
  const ref = f();
  selectKernels('own');
  return [ref, f()];
}

/** The largest difference relative to the reference's largest magnitude (which must not be 0). */
export function relDiff(ref: ArrayLike<number>, mine: ArrayLike<number>): number {
  expect(mine.length).toBe(ref.length);
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    scale = Math.max(scale, Math.abs(ref[i]));
    worst = Math.max(worst, Math.abs(ref[i] - mine[i]));
  }
  expect(scale).toBeGreaterThan(0);
  return worst / scale;
}
