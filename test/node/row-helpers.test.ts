/**
 * Rows of J shared among threads: Node worker threads, each with its own
 * wasm backend, compute shares of the rows; the result equals the
 * single-thread Jacobian, failures surface as errors, and helpers apply only
 * to the backend they were installed for.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NtkFixture } from '../../src/engine/checks/fixtures';
import { normalizeImages } from '../../src/engine/measures/inputs';
import { jacobian, measureNtk } from '../../src/engine/measures/kappa';
import { buildGraph } from '../../src/engine/model/network';
import type { NodeRowHelpers } from '../../src/node/row-helpers';
import { startRowHelpers } from '../../src/node/row-helpers';
import type { RowHelper, RowsRequest } from '../../src/engine/measures/rows';
import { rowHelpersFor, splitRows, setRowHelpers } from '../../src/engine/measures/rows';
import { disposeTensors, importStateDict, toTensors } from '../../src/engine/model/weights';
import { backend, cifarData, fixtureFiles } from '../helpers/engine';

const fixture = fixtureFiles('ntk')[0].fixture as NtkFixture;

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

describe('splitRows', () => {
  it('covers 0..B−1 with contiguous, nearly equal ranges', () => {
    for (const [B, parts] of [
      [72, 2],
      [72, 5],
      [7, 3],
      [3, 8],
      [1, 1],
    ]) {
      const r = splitRows(B, parts);
      expect(r[0][0]).toBe(0);
      expect(r.at(-1)![1]).toBe(B);
      for (let i = 1; i < r.length; i++) expect(r[i][0]).toBe(r[i - 1][1]);
      const sizes = r.map(([a, b]) => b - a);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(r.length).toBe(Math.min(B, parts));
    }
  });
});

describe('Node row helpers (worker threads, wasm)', () => {
  let pool: NodeRowHelpers;
  beforeAll(async () => {
    await backend('wasm');
    pool = startRowHelpers(2, 'wasm');
  });
  afterAll(async () => {
    setRowHelpers(null, 'wasm');
    await pool.close();
  });

  it('give the same Jacobian and κ as one thread, without leaking tensors', async () => {
    const B = 9;
    const s = await setUp(B);
    const before = tf.memory().numTensors;
    const one = await jacobian(s.g, s.w, s.input, { chunk: 4 });
    const three = await jacobian(s.g, s.w, s.input, { chunk: 4, helpers: pool.helpers });
    expect(three.cols).toBe(one.cols);
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < one.J.length; i++) {
      worst = Math.max(worst, Math.abs(one.J[i] - three.J[i]));
      scale = Math.max(scale, Math.abs(one.J[i]));
    }
    expect(scale).toBeGreaterThan(0);
    expect(worst / scale).toBeLessThan(1e-6);
    // every row was computed by someone: no all-zero row
    for (let r = 0; r < B; r++) expect(three.J.subarray(r * three.cols, (r + 1) * three.cols).some((v) => v !== 0)).toBe(true);
    const k1 = await measureNtk(s.g, s.w, s.input);
    setRowHelpers(pool.helpers, 'wasm');
    const k3 = await measureNtk(s.g, s.w, s.input);
    setRowHelpers(null, 'wasm');
    expect(Math.abs(k3.kappa - k1.kappa) / k1.kappa).toBeLessThan(1e-6);
    expect(tf.memory().numTensors).toBe(before);
    s.dispose();
  }, 120_000);

  it('surface a helper failure as an error of the measurement', async () => {
    const s = await setUp(4);
    const bad: RowHelper = {
      rows: (req: RowsRequest) => pool.helpers[0].rows({ ...req, params: req.params.slice(1) }),
    };
    await expect(jacobian(s.g, s.w, s.input, { helpers: [bad] })).rejects.toThrow(
      /Jacobian helper thread 1: .*weights|no tensor for parameter/,
    );
    // the helper still works afterwards
    const ok = await jacobian(s.g, s.w, s.input, { helpers: [pool.helpers[0]] });
    expect(ok.rows).toBe(4);
    s.dispose();
  }, 120_000);

  it('apply only to the backend they were installed for', async () => {
    let calls = 0;
    const counting: RowHelper = {
      rows: (req) => {
        calls++;
        return pool.helpers[0].rows(req);
      },
    };
    setRowHelpers([counting], 'wasm');
    expect(rowHelpersFor('wasm')).toHaveLength(1);
    expect(rowHelpersFor('cpu')).toHaveLength(0);
    await backend('cpu');
    const s = await setUp(4);
    await measureNtk(s.g, s.w, s.input);
    expect(calls).toBe(0);
    s.dispose();
    await backend('wasm');
    const t = await setUp(4);
    await measureNtk(t.g, t.w, t.input);
    expect(calls).toBe(1);
    t.dispose();
    setRowHelpers(null, 'wasm');
  }, 120_000);
});
