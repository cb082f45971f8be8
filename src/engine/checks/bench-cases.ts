/**
 * The benchmark measurements, shared by the Node benchmark
 * (bench/engine.bench.ts) and the worker's `bench` RPC (src/worker/bench.ts),
 * so Node and the browser time exactly the same engine calls:
 *
 * - `ntk`: one B-row NTK (κ_N) of the full supernet — measureNtk on the
 *   batch and weights of round 0, candidate 0, repeat 0;
 * - `regions`: one region count (R_N) of the full thin net over
 *   regionBatches × regionBatchSize crops — countRegions on the crops and
 *   weights of round 0, candidate 0, repeat 0;
 * - `candidate`: round 0, candidate 0 of the search — κ pair × repeats and
 *   regions pair × repeats with kappaPair / regionsPair, as search.ts does;
 * - `round`: the search generator up to its first round-end;
 * - `search`: the search generator to the end.
 *
 * Only the measurement itself is timed: for `ntk` and `regions` the inputs
 * and weight tensors are made before the clock starts; `candidate`, `round`
 * and `search` are timed whole (they draw their own inputs, as a search does).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CifarData } from '../data/cifar';
import { CropPass } from '../measures/crops';
import { drawNtkBatch, regionCrops } from '../measures/inputs';
import { measureNtk } from '../measures/kappa';
import type { MeasureContext } from '../measures/measure';
import { cropsPerRepeat, kappaPair, ntkGraph, ntkInit, regionsPair, thinGraph, thinInit } from '../measures/measure';
import { stream } from '../model/random';
import type { CandidateRef } from '../search/ranking';
import { listCandidates } from '../search/ranking';
import { countRegions } from '../measures/regions';
import { search } from '../search/search';
import type { Settings } from '../model/settings';
import type { Mask } from '../model/nb201/space';
import { fullMask, withoutOp } from '../model/nb201/space';
import { disposeTensors, initWeights, toTensors } from '../model/weights';

export const BENCH_CASES = ['ntk', 'regions', 'candidate', 'round', 'search'] as const;
export type BenchCase = (typeof BENCH_CASES)[number];

export const BENCH_DESCRIPTIONS: Record<BenchCase, string> = {
  ntk: 'one NTK (κ_N) of the full supernet (C = 3, all ops on every edge), rows = batch',
  regions: 'one region count (R_N) of the full thin net over regionBatches × regionBatchSize crops',
  candidate: 'one candidate measurement (round 0, candidate 0): κ pair × repeats + regions pair × repeats',
  round: 'round 0 of the search (every candidate of the full supernet)',
  search: 'one whole search (every round to the result)',
};

export function isBenchCase(x: string): x is BenchCase {
  return (BENCH_CASES as readonly string[]).includes(x);
}

export interface BenchSpec {
  what: BenchCase;
  settings: Settings;
  seed: number;
  /** Rows of J per backward pass; undefined = the engine's default. */
  chunk?: number;
}

/** What a measurement computed (plain data, structured-clone and JSON friendly). */
export interface BenchDetails {
  /** NTK rows (= batch) and Jacobian columns, for `ntk`. */
  rows?: number;
  cols?: number;
  /** κ_N values measured (ntk: one; candidate: original × repeats then pruned × repeats). */
  kappa?: number[];
  /** R_N values measured (regions: one; candidate: original × repeats then pruned × repeats). */
  regions?: number[];
  neurons?: number;
  /** Crops per region count. */
  crops?: number;
  /** The candidate measured (candidate). */
  candidate?: CandidateRef;
  /** Candidates measured (candidate, round, search). */
  candidates?: number;
  /** The mask at the start of every round measured (round, search). */
  masks?: Mask[];
  /** Ops pruned at the end of every round measured (round, search). */
  pruned?: CandidateRef[][];
  /** The architecture found (search). */
  arch?: string;
}

export interface BenchMeasurement {
  what: BenchCase;
  seconds: number;
  backend: string;
  details: BenchDetails;
  /** tf.memory().numTensors before the set-up and after the clean-up (a leak shows as a difference). */
  tensorsBefore: number;
  tensorsAfter: number;
}

type Progress = (message: string) => void;

const clock = () => performance.now() / 1000;

async function timeNtk(data: CifarData, spec: BenchSpec): Promise<{ seconds: number; details: BenchDetails }> {
  const s = spec.settings;
  const g = ntkGraph(fullMask(), s);
  const tw = toTensors(g, initWeights(g, ntkInit(s), stream({ seed: spec.seed, round: 0, purpose: 'ntk-init' })));
  const batch = drawNtkBatch(
    data,
    stream({ seed: spec.seed, round: 0, candidate: 0, repeat: 0, purpose: 'ntk-batch' }),
    s.batchSize,
    s.augment,
  );
  const input = tf.tensor4d(batch.pixels, [s.batchSize, 32, 32, 3]);
  try {
    const t0 = clock();
    const r = await measureNtk(g, tw, input, { chunk: spec.chunk });
    const seconds = clock() - t0;
    return { seconds, details: { rows: r.rows, cols: r.cols, kappa: [r.kappa] } };
  } finally {
    input.dispose();
    disposeTensors(tw);
  }
}

async function timeRegions(data: CifarData, spec: BenchSpec): Promise<{ seconds: number; details: BenchDetails }> {
  const s = spec.settings;
  const g = thinGraph(fullMask(), s);
  const tw = toTensors(g, initWeights(g, thinInit(s), stream({ seed: spec.seed, round: 0, candidate: 0, purpose: 'thin-init' })));
  const pass = new CropPass(spec.seed, data.numTrain);
  const rng = stream({ seed: spec.seed, round: 0, candidate: 0, repeat: 0, purpose: 'crops' });
  const batches: tf.Tensor4D[] = [];
  try {
    for (let b = 0; b < s.regionBatches; b++) {
      const patches = pass.crops(b * s.regionBatchSize, s.regionBatchSize, rng);
      batches.push(tf.tensor4d(regionCrops(data, patches), [patches.length, 3, 3, 1]));
    }
    const t0 = clock();
    const r = await countRegions(g, tw, batches);
    const seconds = clock() - t0;
    return { seconds, details: { regions: [r.regions], neurons: r.neurons, crops: r.samples } };
  } finally {
    for (const b of batches) b.dispose();
    disposeTensors(tw);
  }
}

/** Round 0, candidate 0, exactly as search.ts measures it. */
async function timeCandidate(data: CifarData, spec: BenchSpec): Promise<{ seconds: number; details: BenchDetails }> {
  const { settings, seed } = spec;
  const t0 = clock();
  const ctx: MeasureContext = { data, seed, settings, crops: new CropPass(seed, data.numTrain), chunk: spec.chunk };
  const round = 0;
  const index = 0;
  const mask = fullMask();
  const c = listCandidates(mask)[index];
  const supernet = ntkGraph(mask, settings);
  const pruned = withoutOp(mask, c);
  const ntkGraphs = [supernet, ntkGraph(pruned, settings)];
  const roundWeights = settings.reinitEachRepeat
    ? null
    : initWeights(supernet, ntkInit(settings), stream({ seed, round, purpose: 'ntk-init' }));
  const kappa = { original: [] as number[], pruned: [] as number[] };
  for (let repeat = 0; repeat < settings.repeats; repeat++) {
    const w =
      roundWeights ?? initWeights(supernet, ntkInit(settings), stream({ seed, round, candidate: index, repeat, purpose: 'ntk-init' }));
    const [a, b] = await kappaPair(ctx, ntkGraphs, w, { round, candidate: index, repeat });
    kappa.original.push(a);
    kappa.pruned.push(b);
  }
  const thin = [thinGraph(mask, settings), thinGraph(pruned, settings)];
  const thinWeights = settings.reinitEachRepeat
    ? null
    : initWeights(thin[0], thinInit(settings), stream({ seed, round, candidate: index, purpose: 'thin-init' }));
  const regions = { original: [] as number[], pruned: [] as number[] };
  for (let repeat = 0; repeat < settings.repeats; repeat++) {
    const w =
      thinWeights ?? initWeights(thin[0], thinInit(settings), stream({ seed, round, candidate: index, repeat, purpose: 'thin-init' }));
    const start = (index * settings.repeats + repeat) * cropsPerRepeat(settings);
    const [a, b] = await regionsPair(ctx, thin, w, start, { round, candidate: index, repeat });
    regions.original.push(a);
    regions.pruned.push(b);
  }
  const seconds = clock() - t0;
  return {
    seconds,
    details: {
      candidate: c,
      candidates: 1,
      kappa: [...kappa.original, ...kappa.pruned],
      regions: [...regions.original, ...regions.pruned],
      crops: cropsPerRepeat(settings),
    },
  };
}

/** The search generator, to the first round-end (`rounds` = 1) or to the end. */
async function timeSearch(
  data: CifarData,
  spec: BenchSpec,
  wholeSearch: boolean,
  progress?: Progress,
): Promise<{ seconds: number; details: BenchDetails }> {
  const masks: Mask[] = [];
  const pruned: CandidateRef[][] = [];
  let candidates = 0;
  let arch: string | undefined;
  const t0 = clock();
  for await (const e of search(data, spec.settings, spec.seed, { chunk: spec.chunk })) {
    if (e.type === 'round-start') masks.push(e.mask);
    else if (e.type === 'candidate') {
      candidates++;
      progress?.(`round ${e.round} candidate ${e.index + 1}: ${(e.ms / 1000).toFixed(2)} s (${(clock() - t0).toFixed(0)} s so far)`);
    } else if (e.type === 'round-end') {
      pruned.push(e.pruned);
      if (!wholeSearch) break;
    } else if (e.type === 'result') arch = e.arch;
  }
  const seconds = clock() - t0;
  return { seconds, details: { candidates, masks, pruned, ...(arch === undefined ? {} : { arch }) } };
}

/** Runs one measurement on the current tfjs backend. */
export async function runBenchCase(data: CifarData, spec: BenchSpec, progress?: Progress): Promise<BenchMeasurement> {
  const tensorsBefore = tf.memory().numTensors;
  let out: { seconds: number; details: BenchDetails };
  switch (spec.what) {
    case 'ntk':
      out = await timeNtk(data, spec);
      break;
    case 'regions':
      out = await timeRegions(data, spec);
      break;
    case 'candidate':
      out = await timeCandidate(data, spec);
      break;
    case 'round':
      out = await timeSearch(data, spec, false, progress);
      break;
    case 'search':
      out = await timeSearch(data, spec, true, progress);
      break;
  }
  return {
    what: spec.what,
    seconds: out.seconds,
    backend: tf.getBackend(),
    details: out.details,
    tensorsBefore,
    tensorsAfter: tf.memory().numTensors,
  };
}
