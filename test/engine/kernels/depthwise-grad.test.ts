/**
 * The own depthwise weight-gradient kernel (src/engine/kernels/depthwise-grad,
 * dwgrad.wat) on the wasm backend against two references: the patches route
 * (measures/backward/depthwise: one-hot patches, one matrix product) and a
 * direct float64 sum over the definition. Every kernel size, dilation and
 * stride of the DARTS space, 1, 2 and 4 channels, odd and even cotangent
 * counts; the patches route where the kernel does not run; no tensor left.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { dwGradShapeCovered, ownDepthwiseWeightGrad } from '../../../src/engine/kernels/depthwise-grad';
import type { DepthwiseLayer } from '../../../src/engine/kernels/layer-shapes';
import { ownKernelCalls, selectKernels } from '../../../src/engine/kernels/own-kernels';
import { depthwisePatches, depthwiseWeightGrad } from '../../../src/engine/measures/backward/depthwise';
import { toChannelMajor } from '../../../src/engine/measures/backward/layout';
import { relDiff, wasmKernelSuite } from '../../helpers/kernel-suite';

type Shape4 = [number, number, number, number];

/** dW[r, t, c] = Σ g[r·B + b, oy, ox, c] · x[b, s·oy − p + d·ky, s·ox − p + d·kx, c], in float64. */
function direct(g: tf.Tensor4D, x: tf.Tensor4D, kc: number, l: DepthwiseLayer): Float64Array {
  const [b, h, w, c] = x.shape;
  const [, ho, wo] = g.shape;
  const gv = g.dataSync();
  const xv = x.dataSync();
  const p = (l.dilation * (l.k - 1)) / 2;
  const out = new Float64Array(kc * l.k * l.k * c);
  for (let r = 0; r < kc; r++)
    for (let ky = 0; ky < l.k; ky++)
      for (let kx = 0; kx < l.k; kx++)
        for (let ch = 0; ch < c; ch++) {
          let sum = 0;
          for (let n = 0; n < b; n++)
            for (let oy = 0; oy < ho; oy++) {
              const iy = l.stride * oy - p + l.dilation * ky;
              if (iy < 0 || iy >= h) continue;
              for (let ox = 0; ox < wo; ox++) {
                const ix = l.stride * ox - p + l.dilation * kx;
                if (ix < 0 || ix >= w) continue;
                sum += gv[(((r * b + n) * ho + oy) * wo + ox) * c + ch] * xv[((n * h + iy) * w + ix) * c + ch];
              }
            }
          out[((r * l.k + ky) * l.k + kx) * c + ch] = sum;
        }
  return out;
}

function outSize(n: number, l: DepthwiseLayer): number {
  const p = (l.dilation * (l.k - 1)) / 2;
  return Math.floor((n + 2 * p - l.dilation * (l.k - 1) - 1) / l.stride) + 1;
}

function inputs(shape: Shape4, kc: number, l: DepthwiseLayer): { x: tf.Tensor4D; g: tf.Tensor4D } {
  const [b, h, w, c] = shape;
  return {
    x: tf.randomNormal(shape, 0.3, 1, 'float32', 11) as tf.Tensor4D,
    g: tf.randomNormal([kc * b, outSize(h, l), outSize(w, l), c], 0, 1, 'float32', 12) as tf.Tensor4D,
  };
}

describe('own depthwise weight-gradient kernel on wasm', () => {
  wasmKernelSuite();

  const layers: DepthwiseLayer[] = [
    { k: 3, dilation: 1, stride: 1 },
    { k: 5, dilation: 1, stride: 1 },
    { k: 3, dilation: 2, stride: 1 },
    { k: 5, dilation: 2, stride: 1 },
    { k: 3, dilation: 1, stride: 2 },
    { k: 5, dilation: 1, stride: 2 },
    { k: 3, dilation: 2, stride: 2 },
    { k: 5, dilation: 2, stride: 2 },
  ];
  const shapes: [Shape4, number][] = [
    [[3, 32, 32, 1], 3],
    [[2, 32, 32, 2], 4],
    [[2, 16, 16, 4], 5],
  ];
  for (const l of layers)
    for (const [shape, kc] of shapes) {
      const name = `${l.k}×${l.k} dilation ${l.dilation} stride ${l.stride}, ${kc} cotangents of ${shape.join('×')}`;
      if (!dwGradShapeCovered(shape, l)) continue;
      it(`${name}: equals the direct sum and the patches route`, () => {
        const { x, g } = inputs(shape, kc, l);
        const c = shape[3];
        tf.tidy(() => {
          const ref = direct(g, x, kc, l);
          const patches = depthwiseWeightGrad(toChannelMajor(g, kc, c), depthwisePatches(x, l.k, l.dilation, l.stride), kc, c, 0.5);
          ownKernelCalls.own = 0;
          const own = ownDepthwiseWeightGrad(g, x, kc, l, 0.5);
          expect(own).not.toBeNull();
          expect(ownKernelCalls.own).toBe(1);
          expect(own!.shape).toEqual([kc, l.k * l.k * c]);
          const half = Array.from(ref, (v) => v * 0.5);
          expect(relDiff(half, own!.dataSync())).toBeLessThan(1e-5);
          expect(relDiff(patches.dataSync(), own!.dataSync())).toBeLessThan(1e-5);
        });
        tf.dispose([x, g]);
      });
    }

  it('covers the DARTS layers (1 and 2 channels, rows of 16 floats) and nothing it cannot do', () => {
    expect(dwGradShapeCovered([14, 32, 32, 1], { k: 5, dilation: 1, stride: 1 })).toBe(true);
    expect(dwGradShapeCovered([14, 32, 32, 2], { k: 5, dilation: 2, stride: 2 })).toBe(true);
    expect(dwGradShapeCovered([14, 16, 16, 2], { k: 3, dilation: 1, stride: 1 })).toBe(true);
    expect(dwGradShapeCovered([2, 8, 8, 3], { k: 3, dilation: 1, stride: 1 })).toBe(false); // 3 does not divide 4
    expect(dwGradShapeCovered([2, 6, 6, 2], { k: 3, dilation: 1, stride: 1 })).toBe(false); // rows of 12 floats
  });

  it('answers null where it does not run: kernels=tfjs, or a shape it does not cover', () => {
    const l: DepthwiseLayer = { k: 3, dilation: 1, stride: 1 };
    const a = inputs([2, 8, 8, 3], 2, l);
    const b = inputs([2, 16, 16, 1], 2, l);
    expect(ownDepthwiseWeightGrad(a.g, a.x, 2, l)).toBeNull();
    selectKernels('tfjs');
    expect(ownDepthwiseWeightGrad(b.g, b.x, 2, l)).toBeNull();
    selectKernels('own');
    const dW = ownDepthwiseWeightGrad(b.g, b.x, 2, l);
    expect(dW).not.toBeNull();
    tf.dispose([a.g, a.x, b.g, b.x, dW!]);
  });
});
