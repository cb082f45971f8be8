/**
 * Fidelity in the DARTS space: every fixture of ../shared/fixtures/darts
 * within the tolerances of its README, on wasm with the own and with tfjs's
 * convolution kernels (every kind) and on cpu (all but the NTK, which takes a
 * minute there), with no tensor left behind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFixture, parseFixture } from '../../../src/engine/checks/fixtures';
import { backend, cifarData, FIXTURE_BACKENDS, FIXTURE_DIR } from '../../helpers/engine';
import { ownKernelCalls } from '../../../src/engine/kernels/own-kernels';

const DIR = `${FIXTURE_DIR}darts/`;
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, fixture: parseFixture(JSON.parse(readFileSync(DIR + file, 'utf8'))) }));

describe('DARTS fixtures are present', () => {
  it('has at least one fixture of each DARTS kind, all of the DARTS space', () => {
    for (const kind of ['darts-ntk', 'darts-regions', 'darts-ranking', 'darts-group'])
      expect(fixtures.some((f) => f.fixture.kind === kind)).toBe(true);
    expect(fixtures.every((f) => 'space' in f.fixture && f.fixture.space === 'darts')).toBe(true);
  });
});

for (const { name: b, kernels, label } of FIXTURE_BACKENDS) {
  describe(`DARTS fixtures on ${label}`, () => {
    beforeAll(() => backend(b, kernels));
    for (const { file, fixture } of fixtures) {
      if (b === 'cpu' && fixture.kind === 'darts-ntk') continue;
      it(`${file} (${fixture.kind})`, async () => {
        const before = tf.memory().numTensors;
        ownKernelCalls.own = 0;
        const r = await checkFixture(fixture, await cifarData(), { backend: b });
        expect(r.failures).toEqual([]);
        expect(r.ok).toBe(true);
        expect(tf.memory().numTensors).toBe(before);
        // sep_conv and dil_conv are depthwise: the own kernel answers them when chosen, never otherwise.
        if (b === 'wasm' && fixture.kind === 'darts-ntk') expect(ownKernelCalls.own > 0).toBe(kernels === 'own');
      });
    }
  });
}
