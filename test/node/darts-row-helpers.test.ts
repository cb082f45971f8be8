/**
 * Row helpers in the DARTS space: a helper thread rebuilds the DARTS graph
 * from the request's spec (space and both masks) and computes its rows; the
 * Jacobian equals the single-thread one.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFixture } from '../../src/engine/checks/fixtures';
import { normalizeImages } from '../../src/engine/measures/inputs';
import { jacobian } from '../../src/engine/measures/kappa';
import { buildGraph } from '../../src/engine/model/network';
import { disposeTensors, importStateDict, toTensors } from '../../src/engine/model/weights';
import type { NodeRowHelpers } from '../../src/node/row-helpers';
import { startRowHelpers } from '../../src/node/row-helpers';
import { backend, cifarData, FIXTURE_DIR } from '../helpers/engine';

const fixture = parseFixture(JSON.parse(readFileSync(`${FIXTURE_DIR}darts/darts-ntk-mid.json`, 'utf8')));

describe('Node row helpers in the DARTS space', () => {
  let pool: NodeRowHelpers;
  beforeAll(async () => {
    await backend('wasm');
    pool = startRowHelpers(1, 'wasm');
  });
  afterAll(() => pool.close());

  it('give the same Jacobian as one thread', async () => {
    if (fixture.kind !== 'darts-ntk') throw new Error('expected a darts-ntk fixture');
    const B = 6;
    const g = buildGraph({
      space: 'darts',
      kind: 'ntk',
      C: 1,
      numClasses: fixture.num_classes,
      maskNormal: fixture.mask_normal,
      maskReduce: fixture.mask_reduce,
      inChannels: 3,
    });
    const w = toTensors(g, importStateDict(g, fixture.weights));
    const input = tf.tensor4d(normalizeImages(await cifarData(), fixture.images.slice(0, B)), [B, 32, 32, 3]);
    const before = tf.memory().numTensors;
    const one = await jacobian(g, w, input, { chunk: 3 });
    const two = await jacobian(g, w, input, { chunk: 3, helpers: pool.helpers });
    expect(tf.memory().numTensors).toBe(before);
    expect(two.cols).toBe(one.cols);
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < one.J.length; i++) {
      worst = Math.max(worst, Math.abs(one.J[i] - two.J[i]));
      scale = Math.max(scale, Math.abs(one.J[i]));
    }
    expect(scale).toBeGreaterThan(0);
    expect(worst / scale).toBeLessThan(1e-6);
    input.dispose();
    disposeTensors(w);
  }, 120_000);
});
