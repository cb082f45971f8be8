/**
 * The own FusedBatchNorm kernel (src/engine/kernels/batch-norm) against
 * tfjs-backend-wasm's: bit for bit the same values, with and without offset
 * and scale, per-channel and scalar operands, the shapes of the search, on
 * the SIMD module (sizes in whole vectors) and in TypeScript (others); and
 * tfjs's kernel where it does not fit. No tensor left behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { batchNormCovered, batchNormSimd } from '../../../src/engine/kernels/batch-norm';
import type { WasmBackendLike } from '../../../src/engine/kernels/wasm-module';
import { underBothKernels, wasmKernelSuite } from '../../helpers/kernel-suite';

/** Positions whose float32 bits differ. */
function bitMismatches(a: tf.Tensor, b: tf.Tensor): number {
  expect(b.shape).toEqual(a.shape);
  const x = new Uint32Array((a.dataSync() as Float32Array).slice().buffer);
  const y = new Uint32Array((b.dataSync() as Float32Array).slice().buffer);
  let bad = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) bad++;
  return bad;
}

type Call = (x: tf.Tensor4D) => tf.Tensor;

describe('own FusedBatchNorm kernel on wasm', () => {
  wasmKernelSuite();

  const shapes: [number, number, number, number][] = [
    [1000, 3, 3, 9],
    [1000, 2, 2, 18],
    [14, 32, 32, 1],
    [5, 7, 7, 3],
  ];
  for (const shape of shapes) {
    const c = shape[3];
    const calls: [string, Call][] = [
      ['centring (no offset or scale, ε = 0)', (x) => tf.batchNorm(x, tf.mean(x, [0, 1, 2]), tf.ones([c]), undefined, undefined, 0)],
      [
        'normalising (no offset or scale)',
        (x) => {
          const m = tf.moments(x, [0, 1, 2]);
          return tf.batchNorm(x, m.mean, m.variance, undefined, undefined, 1e-5);
        },
      ],
      [
        'with γ and β',
        (x) => {
          const m = tf.moments(x, [0, 1, 2]);
          return tf.batchNorm(
            x,
            m.mean,
            m.variance,
            tf.randomNormal([c], 0, 1, 'float32', 3),
            tf.randomNormal([c], 1, 0.5, 'float32', 4),
            1e-5,
          );
        },
      ],
      ['scalar operands', (x) => tf.batchNorm(x, tf.scalar(0.25), tf.scalar(2), tf.scalar(-1), tf.scalar(3), 1e-3)],
    ];
    for (const [name, call] of calls)
      it(`${shape.join('×')}, ${name}: bit for bit tfjs's kernel`, () => {
        const size = shape.reduce((a, b) => a * b, 1);
        expect(batchNormSimd(tf.backend() as unknown as WasmBackendLike, size) !== null).toBe(size % 4 === 0);
        tf.tidy(() => {
          const x = tf.randomNormal(shape, 0.7, 2, 'float32', 9) as tf.Tensor4D;
          const [ref, mine] = underBothKernels(() => call(x));
          expect(bitMismatches(ref, mine)).toBe(0);
        });
      });
  }

  it('leaves operands of other sizes to tfjs', () => {
    const x = { shape: [2, 4, 4, 3], dtype: 'float32' } as unknown as tf.TensorInfo;
    const perC = { shape: [3], dtype: 'float32' } as unknown as tf.TensorInfo;
    const full = { shape: [2, 4, 4, 3], dtype: 'float32' } as unknown as tf.TensorInfo;
    expect(batchNormCovered({ x, mean: perC, variance: perC })).toBe(true);
    expect(batchNormCovered({ x, mean: full, variance: perC })).toBe(false);
    expect(batchNormCovered({ x: { ...x, dtype: 'int32' } as tf.TensorInfo, mean: perC, variance: perC })).toBe(false);
  });
});
