/**
 * R_N with the crop batches as channel groups of one forward pass
 * (region-groups.ts): the same patterns, hence the same counts, as one
 * forward pass per batch, in both spaces and on both Node backends.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CropPass } from '../../../src/engine/measures/crops';
import { regionInputs, thinGraph, thinInit } from '../../../src/engine/measures/measure';
import { activationPatterns, countRegionsSets, groupedPatterns, PatternCounter } from '../../../src/engine/measures/regions';
import type { Graph } from '../../../src/engine/model/graph';
import { fullMask } from '../../../src/engine/model/nb201/space';
import { fullDartsMask } from '../../../src/engine/model/darts/space';
import { stream } from '../../../src/engine/model/random';
import { PRESETS } from '../../../src/engine/model/settings';
import { disposeTensors, initWeights, toTensors } from '../../../src/engine/model/weights';
import { dartsThinGraph } from '../../../src/engine/search/darts-nets';
import { backend, cifarData } from '../../helpers/engine';

const settings = { ...PRESETS.darts, regionBatches: 3, regionBatchSize: 300 };
const masks = { normal: fullDartsMask(), reduce: fullDartsMask() };
const nets: [string, () => Graph][] = [
  ['DARTS', () => dartsThinGraph(masks, settings)],
  ['NAS-Bench-201', () => thinGraph(fullMask(), settings)],
];

for (const b of ['wasm', 'cpu'] as const) {
  describe(`grouped region passes on ${b}`, () => {
    beforeAll(() => backend(b));
    for (const [name, make] of nets) {
      it(`${name}: each batch's patterns and the pooled counts equal those of separate passes`, async () => {
        const data = await cifarData();
        const g = make();
        const ctx = { data, seed: 3, settings, crops: new CropPass(3, data.numTrain) };
        const sets = [0, 1].map((r) => regionInputs(ctx, r * 900, { round: 0, candidate: 0, repeat: r }));
        const before = tf.memory().numTensors;
        const tw = toTensors(g, initWeights(g, thinInit(settings), stream({ seed: 3, purpose: 'thin-init' })));
        const batches = sets.map((s) => s.map((c) => tf.tensor4d(c, [c.length / 9, 3, 3, 1])));
        const grouped = await groupedPatterns(g, tw, batches.flat());
        const expected: number[] = [];
        let q = 0;
        for (const set of batches) {
          const counter = new PatternCounter(grouped.neurons);
          for (const x of set) {
            const one = await activationPatterns(g, tw, x, { unique: true });
            expect(grouped.bits[q++]).toEqual(one.bits);
            counter.add(one.bits, x.shape[0]);
          }
          expected.push(counter.distinct);
        }
        const counts = await countRegionsSets(g, tw, batches);
        expect(counts.map((c) => c.regions)).toEqual(expected);
        expect(counts.every((c) => c.samples === 900)).toBe(true);
        for (const x of batches.flat()) x.dispose();
        disposeTensors(tw);
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  });
}
