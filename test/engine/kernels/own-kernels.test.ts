/**
 * The own convolution kernels (src/engine/kernels) against tfjs's on the wasm
 * backend: the same results on every shape they cover, tfjs's kernel for every
 * shape they do not, no tensor left behind, and the module rebuilt from its
 * .wat byte for byte.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { kernelChoice, ownKernelCalls, setKernels, selectKernels } from '../../../src/engine/kernels/own-kernels';
import { planRowConv } from '../../../src/engine/kernels/rowconv-plan';
import { compileWat, kernelModuleSource, kernelSources } from '../../../scripts/kernel-source';
import { wasmKernelSuite } from '../../helpers/kernel-suite';

type Shape4 = [number, number, number, number];
const ones = (shape: Shape4) => tf.ones(shape) as tf.Tensor4D;

/** tfjs's result and the own one for the same op, and which kernel answered the own call. */
function both(op: () => tf.Tensor): { ref: Float32Array; mine: Float32Array; own: number; tfjs: number } {
  selectKernels('tfjs');
  const a = op();
  selectKernels('own');
  ownKernelCalls.own = 0;
  ownKernelCalls.tfjs = 0;
  const b = op();
  const out = { ref: a.dataSync() as Float32Array, mine: b.dataSync() as Float32Array, own: ownKernelCalls.own, tfjs: ownKernelCalls.tfjs };
  tf.dispose([a, b]);
  return out;
}

function expectClose(ref: Float32Array, mine: Float32Array): void {
  expect(mine.length).toBe(ref.length);
  let scale = 0;
  for (const v of ref) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(ref[i] - mine[i]));
  expect(scale).toBeGreaterThan(0);
  expect(worst).toBeLessThanOrEqual(2e-6 * scale);
}

describe('own convolution kernels on wasm', () => {
  wasmKernelSuite('tfjs');

  const depthwise: [Shape4, number, number][] = [
    [[3, 32, 32, 1], 5, 1],
    [[3, 32, 32, 1], 5, 2],
    [[3, 32, 32, 1], 3, 1],
    [[3, 32, 32, 1], 3, 2],
    [[2, 16, 16, 2], 5, 1],
    [[2, 16, 16, 2], 3, 2],
    [[2, 32, 32, 3], 3, 1],
    [[2, 8, 8, 4], 3, 1],
    [[2, 32, 32, 8], 5, 1],
    [[2, 32, 32, 9], 3, 1],
    [[2, 7, 16, 1], 5, 2], // fewer rows than the dilated filter reaches
    [[1, 3, 16, 1], 5, 1],
  ];
  for (const [xs, k, d] of depthwise) {
    it(`depthwise ${xs.join('×')}, ${k} × ${k}, dilation ${d}: equals tfjs`, () => {
      const x = tf.randomNormal(xs, 0, 1, 'float32', 1);
      const f = tf.randomNormal([k, k, xs[3], 1], 0, 1, 'float32', 2);
      const r = both(() => tf.depthwiseConv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'same', 'NHWC', d));
      expect(r.own).toBe(1);
      expectClose(r.ref, r.mine);
      tf.dispose([x, f]);
    });
  }

  const dense: [Shape4, number][] = [
    [[3, 32, 32, 1], 3],
    [[3, 16, 16, 2], 3],
    [[3, 16, 16, 2], 1],
    [[2, 32, 32, 3], 1],
    [[2, 8, 8, 4], 1],
    [[2, 32, 32, 3], 3], // NB201's stage 1
    [[3, 9, 16, 3], 3], // an odd number of rows: pairs, then one row
  ];
  for (const [xs, k] of dense) {
    it(`dense ${xs.join('×')}, ${k} × ${k}, ${xs[3]} → ${xs[3]} channels: equals tfjs`, () => {
      const x = tf.randomNormal(xs, 0, 1, 'float32', 3);
      const f = tf.randomNormal([k, k, xs[3], xs[3]], 0, 1, 'float32', 4);
      const r = both(() => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'same'));
      expect(r.own).toBe(1);
      expectClose(r.ref, r.mine);
      tf.dispose([x, f]);
    });
  }

  const passedOn: [string, () => tf.Tensor][] = [
    ['a stride-2 depthwise conv', () => tf.depthwiseConv2d(ones([2, 16, 16, 2]), ones([3, 3, 2, 1]), 2, 'same')],
    ['a valid-padded depthwise conv', () => tf.depthwiseConv2d(ones([2, 16, 16, 2]), ones([3, 3, 2, 1]), 1, 'valid')],
    [
      'a channel multiplier of 9 (the backward pass’s patches)',
      () => tf.depthwiseConv2d(ones([2, 16, 16, 1]), ones([3, 3, 1, 9]), 1, 'same'),
    ],
    ['rows of W·C not a multiple of 16', () => tf.depthwiseConv2d(ones([2, 6, 6, 1]), ones([3, 3, 1, 1]), 1, 'same')],
    ['a 3 × 3 dense conv of 6 channels (XNNPACK is faster)', () => tf.conv2d(ones([2, 16, 16, 6]), ones([3, 3, 6, 6]), 1, 'same')],
    ['a dense conv from 3 to 6 channels', () => tf.conv2d(ones([2, 16, 16, 3]), ones([1, 1, 3, 6]), 1, 'same')],
  ];
  for (const [what, op] of passedOn) {
    it(`passes ${what} to tfjs's kernel, with the same result`, () => {
      const r = tf.tidy(() => both(op));
      expect(r.own).toBe(0);
      expect(r.tfjs).toBe(1);
      expect(Array.from(r.mine)).toEqual(Array.from(r.ref));
    });
  }

  it('is chosen per instance and reports what runs', () => {
    expect(setKernels('own')).toMatch(/^own kernels \(WebAssembly SIMD/);
    expect(kernelChoice()).toBe('own');
    expect(setKernels('tfjs')).toMatch(/^tfjs's kernels, as chosen/);
    expect(kernelChoice()).toBe('tfjs');
    expect(() => selectKernels('xnn' as never)).toThrow(/kernels must be one of tfjs, own/);
  });
});

describe('own kernel tables', () => {
  it('a 5 × 5 depthwise filter of one channel has 25 taps; the first row sums only the taps whose input row exists', () => {
    const f = Float32Array.from({ length: 25 }, (_, i) => i + 1);
    const p = planRowConv(f, { h: 32, w: 32, c: 1, kh: 5, kw: 5, dilationH: 1, dilationW: 1, padTop: 2, padLeft: 2, dense: false });
    expect(p.taps.length / 2).toBe(25);
    expect([p.first[0], p.end[0]]).toEqual([10, 25]); // ky = 2..4
    expect([p.first[31], p.end[31]]).toEqual([0, 15]); // ky = 0..2
    // Tap (ky 0, kx 0) shifts by −2 columns: lanes 0 and 1 read outside the row and weigh zero.
    expect(Array.from(p.weights.slice(0, 3))).toEqual([0, 0, 1]);
  });

  it('a dense 1 × 1 conv of 2 channels has 3 shifts (ci − co = −1, 0, 1), each lane weighted by its own (ci, co)', () => {
    const f = Float32Array.from([1, 2, 3, 4]); // [ci][co]
    const p = planRowConv(f, { h: 4, w: 8, c: 2, kh: 1, kw: 1, dilationH: 1, dilationW: 1, padTop: 0, padLeft: 0, dense: true });
    expect(p.taps.length / 2).toBe(3);
    const byShift = new Map<number, number[]>();
    for (let t = 0; t < 3; t++) byShift.set(p.taps[2 * t] / 4, Array.from(p.weights.slice(t * 16, t * 16 + 2)));
    expect(byShift.get(0)).toEqual([1, 4]); // lane 0 (co 0) ← ci 0; lane 1 (co 1) ← ci 1
    expect(byShift.get(1)).toEqual([3, 0]); // lane 0 ← ci 1
    expect(byShift.get(-1)).toEqual([0, 2]); // lane 1 ← ci 0
  });
});

describe('own kernel build', () => {
  it('rebuilds every <base>-wasm.ts from its <base>.wat byte for byte (npx tsx scripts/build-kernels.ts)', async () => {
    const dir = new URL('../../../src/engine/kernels/', import.meta.url);
    const bases = kernelSources(fileURLToPath(dir));
    expect(bases).toEqual(['bnback', 'bnfwd', 'dwgrad', 'rowconv']);
    for (const base of bases) {
      const bytes = await compileWat(`${base}.wat`, readFileSync(new URL(`${base}.wat`, dir), 'utf8'));
      expect(kernelModuleSource(base, bytes)).toBe(readFileSync(new URL(`${base}-wasm.ts`, dir), 'utf8'));
    }
  });
});
