/**
 * The own-kernel check the page's backend compare runs (and the WebGPU e2e
 * case asserts on SwiftShader): on wasm every case runs the own WebAssembly
 * kernel and equals tfjs's route; with kernels=tfjs or on cpu there is nothing
 * to check. No tensor is left behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkOwnKernels, STARTUP_CHECK_TOLERANCE, startupCheck } from '../../../src/engine/checks/own-kernel-check';
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

  it('start-up check: keeps the own kernels when every case agrees', async () => {
    const check = await startupCheck();
    expect(check.keepOwn).toBe(true);
    expect(check.note).toMatch(/^start-up check: 12 cases equal tfjs's route within \d\.\de-\d+$/);
  });

  it('start-up check: falls back to tfjs for a case off by more than the bound, NaN, or an error', async () => {
    const real = await checkOwnKernels();
    const off = real.map((d, i) => (i === 3 ? { ...d, diff: STARTUP_CHECK_TOLERANCE * 10 } : i === 7 ? { ...d, diff: Number.NaN } : d));
    const check = await startupCheck(async () => off);
    expect(check.keepOwn).toBe(false);
    expect(check.note).toContain(`2 of 12 own WGSL cases failed`);
    expect(check.note).toContain(`${real[3].name}: 1.0e-3`);
    expect(check.note).toContain(`${real[7].name}: NaN`);
    const thrown = await startupCheck(async () => {
      throw new Error('device lost');
    });
    expect(thrown).toEqual({
      keepOwn: false,
      note: "tfjs's programs: the own WGSL programs failed their start-up check here (device lost)",
    });
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
