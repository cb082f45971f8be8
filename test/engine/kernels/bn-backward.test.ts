/**
 * The own BatchNorm backward kernel (src/engine/kernels/bn-backward, bnback.wat)
 * against the tfjs route (measures/backward/bn, channel-major matrix products)
 * on the wasm backend: the same u and Σ g·x̂ for every channel count it takes,
 * the tfjs route where it does not run, no tensor left behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { bnPeriod, ownBnBackward } from '../../../src/engine/kernels/bn-backward';
import { ownKernelCalls, selectKernels } from '../../../src/engine/kernels/own-kernels';
import { bnBackward, bnExpandOperand, bnGrads } from '../../../src/engine/measures/backward/bn';
import { fromChannelMajor, toChannelMajor } from '../../../src/engine/measures/backward/layout';
import { relDiff, wasmKernelSuite } from '../../helpers/kernel-suite';

type Shape4 = [number, number, number, number];

/** relDiff of two tensors of the same shape. */
function tensorRelDiff(ref: tf.Tensor, mine: tf.Tensor): number {
  expect(mine.shape).toEqual(ref.shape);
  return relDiff(ref.dataSync(), mine.dataSync());
}

/** A normalised input as BatchNorm makes it (zero mean, unit variance per channel) and K cotangents. */
function inputs(shape: Shape4, kc: number): { xhat: tf.Tensor4D; g: tf.Tensor4D } {
  return tf.tidy(() => {
    const x = tf.randomNormal(shape, 3, 2, 'float32', 7);
    const { mean, variance } = tf.moments(x, [0, 1, 2]);
    const xhat = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))) as tf.Tensor4D;
    const g = tf.randomNormal([kc * shape[0], shape[1], shape[2], shape[3]], 0.5, 1, 'float32', 8) as tf.Tensor4D;
    return { xhat, g };
  });
}

describe('own BatchNorm backward kernel on wasm', () => {
  wasmKernelSuite();

  const cases: [Shape4, number][] = [
    [[4, 8, 8, 1], 3],
    [[3, 8, 8, 2], 2],
    [[4, 8, 8, 3], 3], // period 24
    [[2, 4, 4, 6], 5],
    [[2, 4, 4, 12], 2],
    [[2, 4, 4, 8], 1],
    [[14, 16, 16, 1], 14], // a DARTS reduction-cell BN (K = batch)
  ];
  for (const [shape, kc] of cases) {
    it(`${kc} cotangents of ${shape.join('×')}: equals the tfjs route`, () => {
      const { xhat, g } = inputs(shape, kc);
      const c = shape[3];
      tf.tidy(() => {
        const expand = bnExpandOperand(xhat);
        const [uT, sumGx] = bnBackward(toChannelMajor(g, kc, c), tf.transpose(expand) as tf.Tensor2D, expand, kc, c);
        ownKernelCalls.own = 0;
        const own = ownBnBackward(g, xhat, kc);
        expect(own).not.toBeNull();
        expect(ownKernelCalls.own).toBe(1);
        const [u, gamma] = own!;
        expect(tensorRelDiff(fromChannelMajor(uT, kc, shape), u)).toBeLessThan(1e-5);
        expect(tensorRelDiff(sumGx, gamma)).toBeLessThan(1e-5);
        // u is centred per cotangent and channel, and orthogonal to x̂: BatchNorm's backward projects both out.
        const u3 = tf.reshape(u, [kc, -1, c]);
        const scale = tf.max(tf.abs(u)).dataSync()[0];
        expect(tf.max(tf.abs(tf.mean(u3, 1))).dataSync()[0]).toBeLessThan(1e-5 * scale);
        const ux = tf.mean(tf.mul(u3, tf.reshape(xhat, [1, -1, c])), 1);
        expect(tf.max(tf.abs(ux)).dataSync()[0]).toBeLessThan(1e-5 * scale);
      });
      tf.dispose([xhat, g]);
    });
  }

  it('gives both layouts through bnGrads, equal to the tfjs route', () => {
    const shape: Shape4 = [2, 8, 8, 3];
    const { xhat, g } = inputs(shape, 4);
    tf.tidy(() => {
      const expand = bnExpandOperand(xhat);
      const sum = tf.transpose(expand) as tf.Tensor2D;
      selectKernels('tfjs');
      const ref = bnGrads(g, xhat, sum, expand, 4);
      selectKernels('own');
      const mine = bnGrads(g, xhat, sum, expand, 4);
      expect(tensorRelDiff(ref.channelMajor(), mine.channelMajor())).toBeLessThan(1e-5);
      expect(tensorRelDiff(ref.nhwc(), mine.nhwc())).toBeLessThan(1e-5);
      expect(tensorRelDiff(ref.sumGx, mine.sumGx)).toBeLessThan(1e-5);
    });
    tf.dispose([xhat, g]);
  });

  it('leaves the tfjs route where it does not run: kernels=tfjs, or no lane period', () => {
    expect(bnPeriod(5, 5 * 64)).toBe(0);
    expect(bnPeriod(3, 3 * 45)).toBe(0); // 135 floats: no multiple of 24
    expect(bnPeriod(3, 3 * 64)).toBe(24);
    expect(bnPeriod(1, 14336)).toBe(16);
    const a = inputs([2, 4, 4, 5], 2);
    const b = inputs([5, 3, 3, 3], 2);
    expect(ownBnBackward(a.g, a.xhat, 2)).toBeNull();
    expect(ownBnBackward(b.g, b.xhat, 2)).toBeNull();
    const c = inputs([2, 8, 8, 2], 2);
    selectKernels('tfjs');
    expect(ownBnBackward(c.g, c.xhat, 2)).toBeNull();
    selectKernels('own');
    tf.dispose([a.g, a.xhat, b.g, b.xhat, c.g, c.xhat]);
  });
});
