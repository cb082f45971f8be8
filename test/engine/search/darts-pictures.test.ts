/**
 * The pictures of DARTS-space candidates, placed from the run's events as the
 * page places them (candidatePlace) and recomputed from its seed and
 * settings: R_N counted again equals the event's, the recomputed NTKs are the
 * ones the search handed out and their eigenvalues the event's, for a
 * pruning-round candidate and for edge-group-step candidates of both cells
 * (measured on masks that earlier groups' decisions changed); no tensor is
 * left behind.
 *
 * To reach the edge-group step without the 308 candidates of the two pruning
 * rounds, the search resumes after a round 0 whose end leaves one op per edge
 * (a resume reads only the round's end masks): it then measures the step's
 * candidates for real, on the masks of that end.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fullDartsMask, NUM_EDGES, NUM_OPS } from '../../../src/engine/model/darts/space';
import { PRESETS, type Settings } from '../../../src/engine/model/settings';
import { candidateNtks, candidateRegionPictures, ntkPictures } from '../../../src/engine/search/candidate-pictures';
import { type CandidatePlace, candidatePlace } from '../../../src/engine/search/candidate-place';
import { listDartsCandidates } from '../../../src/engine/search/darts-round';
import type { CandidateEvent, SearchEvent } from '../../../src/engine/search/events';
import { search } from '../../../src/engine/search/search';
import { backend, cifarData } from '../../helpers/engine';

const s: Settings = { ...PRESETS['darts-quick'], batchSize: 4, regionBatchSize: 100 };
const SEED = 3;

type Ntks = { original: Float64Array; pruned: Float64Array };

/** Runs the search (from `resume`) until `count` new candidates are measured; the events so far and the NTKs handed out. */
async function measure(resume: SearchEvent[], count: number) {
  const events = [...resume];
  const ntks = new Map<string, Ntks>();
  let n = 0;
  const onNtk = (ref: { round: number; index: number }, m: Ntks) => ntks.set(`${ref.round}:${ref.index}`, m);
  for await (const e of search(await cifarData(), s, SEED, { resume, onNtk })) {
    events.push(e);
    if (e.type === 'candidate' && ++n === count) break;
  }
  return { events, ntks };
}

/** One op per edge: op 1 + (edge + shift) mod 7 (a round 0 end that sends the search to the edge-group step). */
const onePath = (shift: number) =>
  Array.from({ length: NUM_EDGES }, (_, e) => Array.from({ length: NUM_OPS }, (_, op) => (op === 1 + ((e + shift) % 7) ? 1 : 0)));

const candidateAt = (events: SearchEvent[], round: number, index: number) =>
  events.find((e): e is CandidateEvent => e.type === 'candidate' && e.round === round && e.index === index)!;

async function expectSameAsSearch(events: SearchEvent[], ntks: Map<string, Ntks>, e: CandidateEvent): Promise<CandidatePlace> {
  const place = candidatePlace({ settings: s, seed: SEED, events }, e)!;
  expect(place).not.toBeNull();
  expect(place.cell).toBe(e.cell);
  const data = await cifarData();
  const before = tf.memory().numTensors;
  const regions = await candidateRegionPictures(data, place);
  expect(regions.supernet.regionsN).toBe(e.regions.original[0]);
  expect(regions.candidate.regionsN).toBe(e.regions.pruned[0]);
  expect(regions.supernet.samples).toBe(100);
  expect(regions.supernet.regions).toBeGreaterThan(1);
  const got = await candidateNtks(data, place);
  const kept = ntks.get(`${e.round}:${e.index}`)!;
  expect(Array.from(got.original)).toEqual(Array.from(kept.original));
  expect(Array.from(got.pruned)).toEqual(Array.from(kept.pruned));
  const pics = ntkPictures(data, place, got);
  expect(pics.supernet).toHaveLength(4 * 4 * 4);
  expect(pics.eigenvalues).toEqual(e.spectra);
  expect(tf.memory().numTensors).toBe(before);
  return place;
}

describe('pictures of DARTS candidates', () => {
  beforeAll(async () => {
    await backend('wasm');
  });

  it('reproduce a pruning-round candidate’s R_N and eigenvalues', async () => {
    const t0 = performance.now();
    const { events, ntks } = await measure([], 2);
    const e = candidateAt(events, 0, 1);
    expect(e.spectra).toBeDefined();
    const place = await expectSameAsSearch(events, ntks, e);
    expect(place.measuredOn).toBeUndefined();
    console.log(`DARTS pruning-round candidate and its pictures: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }, 120_000);

  it('reproduce edge-group-step candidates of both cells, measured on the masks the earlier groups left', async () => {
    const t0 = performance.now();
    const full = { normal: fullDartsMask(), reduce: fullDartsMask() };
    const end = { normal: onePath(0), reduce: onePath(3) };
    const resume: SearchEvent[] = [
      { type: 'round-start', round: 0, mask: full.normal, maskReduce: full.reduce, phase: 'prune', candidates: listDartsCandidates(full) },
      { type: 'round-end', round: 0, ranked: [], pruned: [], mask: end.normal, maskReduce: end.reduce },
    ];
    // The normal cell's groups (nodes 3, 4, 5: 3 + 4 + 5 candidates), then the reduction cell's first candidate.
    const { events, ntks } = await measure(resume, 13);
    const start = events.find((e) => e.type === 'round-start' && e.round === 1);
    expect(start?.type === 'round-start' && start.phase).toBe('group');
    // Index 3: the first of node 4's group, after node 3's group pruned one of its 3 edges.
    const second = await expectSameAsSearch(events, ntks, candidateAt(events, 1, 3));
    expect(second.measuredOn?.mask).not.toEqual(end.normal);
    expect(second.measuredOn?.mask.flat().reduce((a, v) => a + v, 0)).toBe(NUM_EDGES - 1);
    expect(second.before).toBe(196);
    // Index 12: the reduction cell's first group, after all three of the normal cell's (3 + 4 + 5 edges down to 2 + 2 + 2).
    const reduce = await expectSameAsSearch(events, ntks, candidateAt(events, 1, 12));
    expect(reduce.cell).toBe(1);
    expect(reduce.measuredOn?.mask.flat().reduce((a, v) => a + v, 0)).toBe(NUM_EDGES - 6);
    expect(reduce.measuredOn?.maskReduce).toEqual(end.reduce);
    console.log(`DARTS edge-group step: 13 candidates and the pictures of two: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }, 300_000);
});
