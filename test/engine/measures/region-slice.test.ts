/**
 * The expressivity picture: the thin net's patterns with frozen BatchNorm
 * statistics agree with the tfjs training-mode patterns R_N counts, the
 * region count on the plane equals an independent count of distinct patterns
 * over the same grid points, neighbouring regions get different colours.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CropPass } from '../../../src/engine/measures/crops';
import { frozenPatterns } from '../../../src/engine/measures/frozen-patterns';
import { regionCrops } from '../../../src/engine/measures/inputs';
import { thinGraph, thinInit } from '../../../src/engine/measures/measure';
import { adjacency, colourRegions, paletteColour } from '../../../src/engine/measures/region-colours';
import { pickCorners, planePatterns, planePoints, regionSlice } from '../../../src/engine/measures/region-slice';
import { activationPatterns, PatternCounter } from '../../../src/engine/measures/regions';
import { fullDartsMask } from '../../../src/engine/model/darts/space';
import { fullMask, withoutOp } from '../../../src/engine/model/nb201/space';
import { stream } from '../../../src/engine/model/random';
import type { Graph } from '../../../src/engine/model/graph';
import { PRESETS } from '../../../src/engine/model/settings';
import { disposeTensors, initWeights, toTensors, type Weights } from '../../../src/engine/model/weights';
import { dartsThinGraph } from '../../../src/engine/search/darts-nets';
import { backend, cifarData } from '../../helpers/engine';

const s = PRESETS.official;
const thin = thinGraph(fullMask(), s);
const weights = initWeights(thin, thinInit(s), stream({ seed: 5, round: 0, candidate: 0, purpose: 'thin-init' }));
let crops: Float32Array;

beforeAll(async () => {
  await backend('wasm');
  const data = await cifarData();
  crops = regionCrops(data, new CropPass(5, data.numTrain).crops(0, 1000, stream({ seed: 5, purpose: 'crops' })));
});

/** Patterns of the 1000 crops that differ between the float64 pass and tfjs's (training mode). */
async function differing(g: Graph, w: Weights): Promise<number> {
  const tw = toTensors(g, w);
  const input = tf.tensor4d(crops, [1000, 3, 3, 1]);
  const want = await activationPatterns(g, tw, input);
  input.dispose();
  disposeTensors(tw);
  const got = frozenPatterns(g, w, crops, [1000, 3, 3, 1]);
  expect(got.neurons).toBe(want.neurons);
  let differ = 0;
  for (let i = 0; i < 1000; i++) {
    const a = got.bits.subarray(i * got.neurons, (i + 1) * got.neurons);
    const b = want.bits.subarray(i * got.neurons, (i + 1) * got.neurons);
    if (a.some((v, j) => v !== b[j])) differ++;
  }
  return differ;
}

describe('frozen patterns', () => {
  it('give the reference batch the patterns tfjs measures in training mode', async () => {
    const tw = toTensors(thin, weights);
    const input = tf.tensor4d(crops, [1000, 3, 3, 1]);
    const want = await activationPatterns(thin, tw, input);
    input.dispose();
    disposeTensors(tw);
    const got = frozenPatterns(thin, weights, crops, [1000, 3, 3, 1]);
    expect(got.neurons).toBe(want.neurons);
    let differ = 0;
    for (let i = 0; i < 1000; i++) {
      const a = got.bits.subarray(i * got.neurons, (i + 1) * got.neurons);
      const b = want.bits.subarray(i * got.neurons, (i + 1) * got.neurons);
      if (a.some((v, j) => v !== b[j])) differ++;
    }
    // float64 here, float32 in tfjs: a pre-activation within rounding of 0 may flip, nothing more.
    expect(differ).toBeLessThanOrEqual(1);
  });

  it('with the statistics frozen, give each crop its pattern whatever batch it is in', () => {
    const { stats, bits, neurons } = frozenPatterns(thin, weights, crops, [1000, 3, 3, 1]);
    const three = frozenPatterns(thin, weights, crops.subarray(9 * 10, 9 * 13), [3, 3, 3, 1], stats);
    expect(Array.from(three.bits)).toEqual(Array.from(bits.subarray(10 * neurons, 13 * neurons)));
  });
});

describe('frozen patterns of a DARTS thin network (both cells: strided, depthwise, dilated, max pool, FactorizedReduce)', () => {
  const darts = PRESETS['darts-quick'];
  const full = dartsThinGraph({ normal: fullDartsMask(), reduce: fullDartsMask() }, darts);
  const w = initWeights(full, thinInit(darts), stream({ seed: 5, round: 0, candidate: 0, purpose: 'thin-init' }));

  it('give the reference batch the patterns tfjs measures in training mode', async () => {
    // float64 here, float32 in tfjs, through some 40 layers of one channel: a pre-activation within rounding of 0 may flip.
    expect(await differing(full, w)).toBeLessThanOrEqual(5);
  });

  it('with the statistics frozen, give each crop its training-mode pattern', () => {
    const { stats, bits, neurons } = frozenPatterns(full, w, crops, [1000, 3, 3, 1]);
    const some = frozenPatterns(full, w, crops.subarray(9 * 10, 9 * 140), [130, 3, 3, 1], stats);
    expect(some.neurons).toBe(neurons);
    let differ = 0;
    for (let i = 0; i < 130; i++) {
      const a = some.bits.subarray(i * neurons, (i + 1) * neurons);
      const b = bits.subarray((10 + i) * neurons, (11 + i) * neurons);
      if (a.some((v, j) => v !== b[j])) differ++;
    }
    // The program sums in another order than the layer-by-layer pass (an average as Σ x/n, not Σx / n): rounding only.
    expect(differ).toBeLessThanOrEqual(1);
  });

  it('draw the regions on a plane, as many as an independent count of the distinct patterns', () => {
    const t0 = performance.now();
    const slice = regionSlice(full, w, crops, { size: 100 });
    console.log(
      `DARTS region slice ${slice.size}×${slice.size}: ${slice.regions} regions, ${slice.neurons} neurons, ${(performance.now() - t0).toFixed(0)} ms (Node)`,
    );
    const [a, b, c] = slice.corners.map((k) => crops.subarray(k * 9, k * 9 + 9));
    const { stats } = frozenPatterns(full, w, crops, [1000, 3, 3, 1]);
    const { bits, neurons } = planePatterns(full, w, stats, planePoints(a, b, c, slice.size));
    const counter = new PatternCounter(neurons);
    counter.add(bits, slice.size * slice.size);
    expect(slice.regions).toBe(counter.distinct);
    expect(slice.regions).toBeGreaterThan(3);
  });
});

describe('region slice', () => {
  it('counts as many regions as an independent count of distinct patterns over the same grid points', () => {
    const t0 = performance.now();
    const slice = regionSlice(thin, weights, crops);
    const ms = performance.now() - t0;
    console.log(`region slice ${slice.size}×${slice.size}: ${slice.regions} regions, ${ms.toFixed(0)} ms (Node)`);
    // Well under a second when the machine is quiet (~250 ms in Node); the bound leaves room for a busy one.
    expect(ms).toBeLessThan(2000);
    const [a, b, c] = slice.corners.map((k) => crops.subarray(k * 9, k * 9 + 9));
    const points = planePoints(a, b, c, slice.size);
    const { stats } = frozenPatterns(thin, weights, crops, [1000, 3, 3, 1]);
    const { bits, neurons } = planePatterns(thin, weights, stats, points);
    const counter = new PatternCounter(neurons);
    counter.add(bits, slice.size * slice.size);
    expect(slice.regions).toBe(counter.distinct);
    expect(slice.regions).toBeGreaterThan(3);
    expect(new Set(slice.ids).size).toBe(slice.regions);
    // The plane's corners are the crops themselves: A at the top left, B top right, C bottom left.
    expect(Array.from(points.subarray(0, 9))).toEqual(Array.from(a));
    const br = (slice.size - 1) * 9;
    for (let i = 0; i < 9; i++) expect(points[br + i]).toBeCloseTo(b[i], 5);
  });

  it('spans the plane with three distinct crops, the same for two networks on the same batch', () => {
    const [a, b, c] = pickCorners(crops);
    expect(new Set([a, b, c]).size).toBe(3);
    const pruned = thinGraph(withoutOp(fullMask(), { edge: 0, op: 3 }), s);
    expect(regionSlice(pruned, weights, crops, { size: 40 }).corners).toEqual([a, b, c]);
  });

  it('colours neighbouring regions differently and draws their borders', () => {
    const slice = regionSlice(thin, weights, crops, { size: 80 });
    const colour = colourRegions(adjacency(slice.ids, 80, slice.regions));
    const adj = adjacency(slice.ids, 80, slice.regions);
    adj.forEach((ns, r) => {
      for (const q of ns) expect(paletteColour(colour[q])).not.toEqual(paletteColour(colour[r]));
    });
    // A pixel whose right neighbour is another region is a border pixel.
    const p = slice.ids.findIndex((id, i) => i % 80 < 79 && slice.ids[i + 1] !== id);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(Array.from(slice.rgba.subarray(p * 4, p * 4 + 4))).toEqual([40, 40, 48, 255]);
  });
});
