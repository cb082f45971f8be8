/**
 * The own 2× spread kernel (src/engine/kernels/spread) on the wasm backend
 * against tfjs's route (a nearest-neighbour resize, times a parity mask):
 * the same values for nearest upsampling and both parities, with and without a
 * crop to an odd grid, and 1–8 channels; no tensor left behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ownKernelCalls, selectKernels } from '../../../src/engine/kernels/own-kernels';
import { ownSpread2 } from '../../../src/engine/kernels/spread';
import { spread2, upsample2 } from '../../../src/engine/measures/backward/layout';
import { underBothKernels, wasmKernelSuite } from '../../helpers/kernel-suite';

type Shape4 = [number, number, number, number];

/** Positions where the values differ (== treats tfjs's −0 from the mask product as the own kernel's 0). */
function mismatches(a: tf.Tensor, b: tf.Tensor): number {
  expect(b.shape).toEqual(a.shape);
  const x = a.dataSync();
  const y = b.dataSync();
  let bad = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) bad++;
  return bad;
}

describe('own 2× spread kernel on wasm', () => {
  wasmKernelSuite();

  const shapes: Shape4[] = [
    [3, 4, 4, 1],
    [2, 5, 3, 2],
    [196, 16, 16, 2],
    [2, 8, 8, 8],
  ];
  for (const shape of shapes) {
    const [, ho, wo] = shape;
    const grids: [number, number][] = [
      [2 * ho, 2 * wo],
      [2 * ho - 1, 2 * wo - 1],
    ];
    for (const [h, w] of grids)
      for (const odd of [false, true])
        it(`${shape.join('×')} onto ${h}×${w}, ${odd ? 'odd' : 'even'} pixels: equals tfjs's route`, () => {
          tf.tidy(() => {
            const g = tf.randomNormal(shape, 0, 1, 'float32', 5) as tf.Tensor4D;
            const [ref, mine] = underBothKernels(() => {
              ownKernelCalls.own = 0;
              return spread2(g, h, w, odd);
            });
            expect(ownKernelCalls.own).toBe(1);
            expect(mine.shape).toEqual([shape[0], h, w, shape[3]]);
            expect(mismatches(ref, mine)).toBe(0);
            // Every value of g lands once; the rest are zeros.
            expect(tf.sum(mine).dataSync()[0]).toBeCloseTo(
              tf.sum(tf.slice(g, [0, 0, 0, 0], [shape[0], Math.ceil((h - +odd) / 2), Math.ceil((w - +odd) / 2), shape[3]])).dataSync()[0],
              3,
            );
          });
        });
    it(`${shape.join('×')}, nearest 2× upsampling: equals tfjs's resize`, () => {
      tf.tidy(() => {
        const g = tf.randomNormal(shape, 0, 1, 'float32', 6) as tf.Tensor4D;
        const [ref, mine] = underBothKernels(() => upsample2(g));
        expect(mismatches(ref, mine)).toBe(0);
      });
    });
  }

  it('answers null with kernels=tfjs', () => {
    const g = tf.ones([1, 2, 2, 1]) as tf.Tensor4D;
    selectKernels('tfjs');
    expect(ownSpread2(g, 'nearest', 4, 4)).toBeNull();
    selectKernels('own');
    g.dispose();
  });
});
