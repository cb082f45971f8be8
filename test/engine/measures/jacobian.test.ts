/**
 * The batched Jacobian (one forward pass, a hand-written backward carrying many
 * cotangents) equals tfjs autodiff run once per row, and the NTK built from it
 * agrees across backends.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { normalizeImages } from '../../../src/engine/measures/inputs';
import { jacobian, measureNtk } from '../../../src/engine/measures/kappa';
import { naiveJacobian } from '../../../src/engine/checks/naive-jacobian';
import { jacobianParams, paramSize } from '../../../src/engine/model/graph';
import { buildGraph } from '../../../src/engine/model/network';
import type { NtkFixture } from '../../../src/engine/checks/fixtures';
import { disposeTensors, importStateDict, toTensors } from '../../../src/engine/model/weights';
import { backend, cifarData, fixtureFiles } from '../../helpers/engine';

const fixture = fixtureFiles('ntk')
  .map((f) => f.fixture as NtkFixture)
  .find((f) => f.mask.some((r) => r.some((v, i) => i > 0 && !v)))!;

async function setUp(B: number) {
  const g = buildGraph({ space: 'nb201', kind: 'ntk', C: 3, numClasses: fixture.num_classes, mask: fixture.mask, inChannels: 3 });
  const w = toTensors(g, importStateDict(g, fixture.weights));
  const input = tf.tensor4d(normalizeImages(await cifarData(), fixture.images.slice(0, B)), [B, 32, 32, 3]);
  return {
    g,
    w,
    input,
    dispose: () => {
      input.dispose();
      disposeTensors(w);
    },
  };
}

/** Max |a − b| per parameter block, relative to the block's max |b|. */
function worstBlockError(g: ReturnType<typeof buildGraph>, a: Float32Array, b: Float32Array, rows: number, cols: number): number {
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
    worst = Math.max(worst, d / Math.max(m, 1e-12));
    off += n;
  }
  return worst;
}

describe('batched Jacobian', () => {
  for (const b of ['cpu', 'wasm'] as const) {
    it(`equals per-row autodiff on ${b} (every parameter block, chunks of 3)`, async () => {
      await backend(b);
      const B = 5;
      const s = await setUp(B);
      const before = tf.memory().numTensors;
      const fast = await jacobian(s.g, s.w, s.input, { chunk: 3 });
      const slow = await naiveJacobian(s.g, s.w, s.input);
      expect(tf.memory().numTensors).toBe(before);
      expect(fast.cols).toBe(slow.cols);
      expect(worstBlockError(s.g, fast.J, slow.J, B, fast.cols)).toBeLessThan(1e-4);
      s.dispose();
    });
  }

  it('gives the same NTK on cpu and wasm for a small batch, whatever the chunk size', async () => {
    const results = [];
    for (const [b, chunk] of [
      ['cpu', 8],
      ['wasm', 3],
      ['wasm', 8],
    ] as const) {
      await backend(b);
      const s = await setUp(8);
      results.push(await measureNtk(s.g, s.w, s.input, { chunk }));
      s.dispose();
    }
    const [ref, ...others] = results;
    for (const r of others) {
      expect(Math.abs(r.trace - ref.trace) / ref.trace).toBeLessThan(1e-4);
      expect(Math.abs(r.eigMax - ref.eigMax) / ref.eigMax).toBeLessThan(1e-4);
      expect(Math.abs(r.kappa - ref.kappa) / ref.kappa).toBeLessThan(1e-2);
    }
  });
});
