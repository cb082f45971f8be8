/**
 * The own-kernel check the page's backend compare runs (and the WebGPU e2e
 * case asserts on SwiftShader): on wasm every case runs the own WebAssembly
 * kernel and equals tfjs's route; with kernels=tfjs or on cpu there is nothing
 * to check. No tensor is left behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkOwnKernels } from '../../../src/engine/checks/own-kernel-check';
import { ownKernelCalls, selectKernels } from '../../../src/engine/kernels/own-kernels';
import { backend } from '../../helpers/engine';
import { wasmKernelSuite } from '../../helpers/kernel-suite';

describe('own-kernel check on wasm', () => {
  wasmKernelSuite('own');

  it('runs the 12 cases on the own kernels, each within 1e-5 of tfjs’s route', async () => {
    const calls = ownKernelCalls.own;
    const before = tf.memory().numTensors;
    const diffs = await checkOwnKernels();
    expect(tf.memory().numTensors).toBe(before);
    expect(diffs.map((d) => d.name.split(' ')[0])).toEqual([
      ...Array(4).fill('BatchNorm'),
      ...Array(4).fill('spread'),
      ...Array(4).fill('depthwise'),
    ]);
    // One call per BatchNorm shape (u and Σ g·x̂ come from one), one per spread and per depthwise layer.
    expect(ownKernelCalls.own - calls).toBe(10);
    for (const d of diffs) expect(d.diff, d.name).toBeLessThan(1e-5);
    // The spreads only copy values: exact.
    for (const d of diffs.filter((x) => x.name.startsWith('spread'))) expect(d.diff, d.name).toBe(0);
  });

  it('has nothing to check with kernels=tfjs', async () => {
    selectKernels('tfjs');
    expect(await checkOwnKernels()).toEqual([]);
    selectKernels('own');
  });
});

describe('own-kernel check on cpu', () => {
  it('has nothing to check (no own kernel runs on cpu)', async () => {
    await backend('cpu');
    expect(await checkOwnKernels()).toEqual([]);
  });
});
