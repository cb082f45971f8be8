/**
 * Fidelity in the DARTS space: every fixture of ../shared/fixtures/darts
 * within the tolerances of its README, on wasm (every kind) and on cpu (all
 * but the NTK, which takes a minute there), with no tensor left behind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFixture, parseFixture } from '../../../src/engine/checks/fixtures';
import { backend, cifarData, FIXTURE_DIR } from '../../helpers/engine';

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

for (const b of ['wasm', 'cpu'] as const) {
  describe(`DARTS fixtures on ${b}`, () => {
    beforeAll(() => backend(b));
    for (const { file, fixture } of fixtures) {
      if (b === 'cpu' && fixture.kind === 'darts-ntk') continue;
      it(`${file} (${fixture.kind})`, async () => {
        const before = tf.memory().numTensors;
        const r = await checkFixture(fixture, await cifarData(), { backend: b });
        expect(r.failures).toEqual([]);
        expect(r.ok).toBe(true);
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  });
}
