/**
 * Fidelity against the official PyTorch implementation: every fixture of
 * ../shared/fixtures within the tolerances of its README, on wasm with the own
 * and with tfjs's convolution kernels (all kinds) and on cpu (regions, ranking),
 * with no tensor left behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFixture } from '../../../src/engine/checks/fixtures';
import { backend, cifarData, FIXTURE_BACKENDS, fixtureFiles } from '../../helpers/engine';
import { ownKernelCalls } from '../../../src/engine/kernels/own-kernels';

const ntk = fixtureFiles('ntk');
const regions = fixtureFiles('regions');
const ranking = fixtureFiles('ranking');

describe('fixtures are present', () => {
  it('has at least one fixture of each kind', () => {
    expect(ntk.length).toBeGreaterThanOrEqual(1);
    expect(regions.length).toBeGreaterThanOrEqual(1);
    expect(ranking.length).toBeGreaterThanOrEqual(1);
  });
});

for (const { name: b, kernels, label } of FIXTURE_BACKENDS) {
  describe(`fixtures on ${label}`, () => {
    beforeAll(() => backend(b, kernels));
    const cases = b === 'wasm' ? [...ntk, ...regions, ...ranking] : [...regions, ...ranking];
    for (const { file, fixture } of cases) {
      it(`${file} (${fixture.kind})`, async () => {
        const before = tf.memory().numTensors;
        ownKernelCalls.own = 0;
        const r = await checkFixture(fixture, await cifarData(), { backend: b });
        expect(r.failures).toEqual([]);
        expect(r.ok).toBe(true);
        expect(tf.memory().numTensors).toBe(before);
        // The NTK's avg-pool backward is a depthwise conv: the own kernel answers it when chosen, never otherwise.
        if (b === 'wasm' && fixture.kind === 'ntk') expect(ownKernelCalls.own > 0).toBe(kernels === 'own');
      });
    }
  });
}
