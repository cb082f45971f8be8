/**
 * The batched Jacobian of a small DARTS network equals tfjs autodiff run once
 * per row (on cpu, which has every gradient), on cpu and wasm: every op kind
 * in both cells, stride 1 and 2 (FactorizedReduce, strided and dilated
 * depthwise convs, both pools), mixed edges, a removed edge, even and odd
 * image sizes.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { naiveJacobian } from '../../../src/engine/checks/naive-jacobian';
import { jacobian } from '../../../src/engine/measures/kappa';
import { type DartsMask, NUM_OPS } from '../../../src/engine/model/darts/space';
import { type Graph, jacobianParams, paramSize } from '../../../src/engine/model/graph';
import { buildGraph } from '../../../src/engine/model/network';
import { stream } from '../../../src/engine/model/random';
import { disposeTensors, initWeights, toTensors } from '../../../src/engine/model/weights';
import { backend } from '../../helpers/engine';

const maskOf = (rows: number[][]): DartsMask => rows.map((ops) => Array.from({ length: NUM_OPS }, (_, o) => (ops.includes(o) ? 1 : 0)));
/** Normal cell: two ops per edge, every op twice; edge 3<-4 removed. */
const maskNormal = maskOf(Array.from({ length: 14 }, (_, e) => (e === 13 ? [] : [(e % 7) + 1, ((e + 3) % 7) + 1])));
/** Reduction cell: every op on a stride-2 edge (rows 0, 1, 2, 3, 5, 6, 9, 10) and on a stride-1 edge (rows 4, 7, 8, 11, 12, 13). */
const maskReduce = maskOf([[1, 2], [3], [4, 5], [6, 7], [1, 2], [1], [2, 6], [3, 4], [5, 6], [7], [4], [7, 1], [2, 3], [4, 5]]);

function setUp(B: number, size: number) {
  const g = buildGraph({ space: 'darts', kind: 'ntk', C: 1, numClasses: 10, maskNormal, maskReduce, inChannels: 3 });
  const w = toTensors(g, initWeights(g, 'pytorch-default', stream({ seed: 5, purpose: 'ntk-init' })));
  const rng = stream({ seed: 5, purpose: 'ntk-batch' });
  const pixels = Float32Array.from({ length: B * size * size * 3 }, () => rng.normal());
  const input = tf.tensor4d(pixels, [B, size, size, 3]);
  const dispose = () => {
    input.dispose();
    disposeTensors(w);
  };
  return { g, w, input, dispose };
}

/**
 * Max |a − b| per parameter block, relative to the block's max |b| or, for
 * blocks that are nearly rounding noise, to 1 % of the largest entry of J. A
 * 1 × 1 conv into a BatchNorm with one input channel per output channel has a
 * gradient that is zero but for BatchNorm's eps: it comes out of a
 * cancellation, with float32 noise up to ~3e-4 of itself on wasm (whose
 * reductions sum sequentially); a wrong backward is off by O(1).
 */
function worstBlockError(g: Graph, a: Float32Array, b: Float32Array, rows: number, cols: number): number {
  const scale = b.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  let off = 0;
  let worst = 0;
  for (const p of jacobianParams(g)) {
    const n = paramSize(p);
    let d = 0;
    let m = 0;
    for (let r = 0; r < rows; r++)
      for (let c = off; c < off + n; c++) {
        d = Math.max(d, Math.abs(a[r * cols + c] - b[r * cols + c]));
        m = Math.max(m, Math.abs(b[r * cols + c]));
      }
    worst = Math.max(worst, d / Math.max(m, 0.01 * scale));
    off += n;
  }
  return worst;
}

describe('batched Jacobian of a DARTS network', () => {
  // 16 × 16: rows of 16 floats, which the own depthwise weight-gradient kernel takes (wasm); 8 and 7: the patches route.
  for (const size of [16, 8, 7]) {
    it(`equals per-row autodiff on ${size} × ${size} images (cpu and wasm, chunks of 2)`, async () => {
      const B = 3;
      await backend('cpu');
      const ref = setUp(B, size);
      const slow = await naiveJacobian(ref.g, ref.w, ref.input);
      ref.dispose();
      for (const b of ['cpu', 'wasm'] as const) {
        await backend(b);
        const s = setUp(B, size);
        const before = tf.memory().numTensors;
        let fast: Awaited<ReturnType<typeof jacobian>> | undefined;
        const profile = await tf.profile(async () => {
          fast = await jacobian(s.g, s.w, s.input, { chunk: 2 });
          return [];
        });
        if (!fast) throw new Error('no Jacobian');
        expect(tf.memory().numTensors).toBe(before);
        if (b === 'wasm') expect(profile.kernelNames.includes('TenasDepthwiseWeightGrad')).toBe(size === 16);
        expect(fast.cols).toBe(slow.cols);
        expect(worstBlockError(s.g, fast.J, slow.J, B, fast.cols)).toBeLessThan(1e-3);
        s.dispose();
      }
    });
  }
});
