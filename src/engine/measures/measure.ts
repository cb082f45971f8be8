/**
 * The measurements of the search and of single-cell scoring: the inputs of
 * κ_N (an NTK batch) and R_N (crops), drawn from named random streams, and
 * the measurement of one or more networks on the same inputs with the same
 * weights (the body of the official `prune_func_rank` loop).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RowHelper } from './rows';
import type { CifarData } from '../data/cifar';
import type { CropPass } from './crops';
import { drawNtkBatch, regionCrops } from './inputs';
import { measureNtk } from './kappa';
import type { Graph } from '../model/graph';
import { buildGraph } from '../model/network';
import { stream } from '../model/random';
import { countRegions, countRegionsSets } from './regions';
import type { Settings } from '../model/settings';
import type { Mask } from '../model/nb201/space';
import type { InitScheme, Weights } from '../model/weights';
import { disposeTensors, toTensors } from '../model/weights';

export interface MeasureContext {
  data: CifarData;
  seed: number;
  settings: Settings;
  crops: CropPass;
  /** Rows of J per backward pass (memory bound); default per batch size. */
  chunk?: number;
  /** When given, counts the networks measured (an instrument for tests and benchmarks). */
  counter?: MeasureCounter;
  /** The threads sharing each NTK's rows; default: those installed for the backend (rows.ts). */
  rowHelpers?: readonly RowHelper[];
}

/** How many networks had their κ_N (`ntk`) and R_N (`regions`) measured. */
export interface MeasureCounter {
  ntk: number;
  regions: number;
}

export function ntkGraph(mask: Mask, s: Settings): Graph {
  return buildGraph({ space: 'nb201', kind: 'ntk', C: 3, numClasses: s.numClasses, mask, inChannels: 3 });
}

export function thinGraph(mask: Mask, s: Settings): Graph {
  return buildGraph({ space: 'nb201', kind: 'thin', C: 1, numClasses: s.numClasses, mask, inChannels: 1 });
}

export function ntkInit(s: Settings): InitScheme {
  return s.init === 'pytorch-default' ? 'pytorch-default' : 'kaiming-normal-fanout';
}

export function thinInit(s: Settings): InitScheme {
  return s.init === 'pytorch-default' ? 'pytorch-default' : 'kaiming-normal-fanin';
}

/** Names the random streams of one measurement (see `random.ts`); `candidate` is left out when the candidates of a round share their inputs. */
export interface MeasureKey {
  round?: number;
  candidate?: number;
  repeat: number;
}

/** The NTK batch of one measurement: `batchSize` distinct training images, optionally augmented, normalised, [batch, 32, 32, 3] row-major. */
export function ntkBatchPixels(ctx: MeasureContext, key: MeasureKey): Float32Array {
  const s = ctx.settings;
  return drawNtkBatch(ctx.data, stream({ seed: ctx.seed, ...key, purpose: 'ntk-batch' }), s.batchSize, s.augment).pixels;
}

/**
 * κ_N of each of `graphs` on the same batch with the same weights. `weights`
 * are drawn for `weightsOf` (the supernet); the graphs use the subset of it
 * they contain (a pruned network is the supernet without some ops).
 */
export async function kappaOf(
  ctx: MeasureContext,
  weightsOf: Graph,
  weights: Weights,
  pixels: Float32Array,
  graphs: readonly Graph[],
): Promise<number[]> {
  const input = tf.tensor4d(pixels, [ctx.settings.batchSize, 32, 32, 3]);
  const tw = toTensors(weightsOf, weights);
  try {
    const out: number[] = [];
    for (const g of graphs) {
      out.push((await measureNtk(g, tw, input, { chunk: ctx.chunk })).kappa);
      if (ctx.counter) ctx.counter.ntk++;
    }
    return out;
  } finally {
    input.dispose();
    disposeTensors(tw);
  }
}

/** κ_N of two networks on the same batch with the same weights (drawn for `graphs[0]`). */
export async function kappaPair(ctx: MeasureContext, graphs: Graph[], weights: Weights, batchKey: MeasureKey): Promise<number[]> {
  return kappaOf(ctx, graphs[0], weights, ntkBatchPixels(ctx, batchKey), graphs);
}

/** The R_N inputs of one measurement: `regionBatches` batches of 3 × 3 crops, [n, 3, 3, 1] each, from position `start` of the crop pass. */
export function regionInputs(ctx: MeasureContext, start: number, cropKey: MeasureKey): Float32Array[] {
  const s = ctx.settings;
  const rng = stream({ seed: ctx.seed, ...cropKey, purpose: 'crops' });
  const out: Float32Array[] = [];
  for (let b = 0; b < s.regionBatches; b++)
    out.push(regionCrops(ctx.data, ctx.crops.crops(start + b * s.regionBatchSize, s.regionBatchSize, rng)));
  return out;
}

/** R_N of each of `graphs` on the same crops with the same weights (drawn for `weightsOf`, as in {@link kappaOf}). */
export async function regionsOf(
  ctx: MeasureContext,
  weightsOf: Graph,
  weights: Weights,
  crops: readonly Float32Array[],
  graphs: readonly Graph[],
): Promise<number[]> {
  const batches = crops.map((c) => tf.tensor4d(c, [c.length / 9, 3, 3, 1]));
  const tw = toTensors(weightsOf, weights);
  try {
    const out: number[] = [];
    for (const g of graphs) {
      out.push((await countRegions(g, tw, batches)).regions);
      if (ctx.counter) ctx.counter.regions++;
    }
    return out;
  } finally {
    for (const b of batches) b.dispose();
    disposeTensors(tw);
  }
}

/**
 * R_N of each of `graphs` on each set of crops (e.g. the repeats of a
 * candidate whose thin net is drawn once), all with the same weights:
 * `[set][graph]`, the same numbers as {@link regionsOf} per set, from one
 * forward pass per graph (./region-groups).
 */
export async function regionsOfSets(
  ctx: MeasureContext,
  weightsOf: Graph,
  weights: Weights,
  sets: readonly (readonly Float32Array[])[],
  graphs: readonly Graph[],
): Promise<number[][]> {
  const batches = sets.map((crops) => crops.map((c) => tf.tensor4d(c, [c.length / 9, 3, 3, 1])));
  const tw = toTensors(weightsOf, weights);
  try {
    const out: number[][] = sets.map(() => []);
    for (const g of graphs) {
      (await countRegionsSets(g, tw, batches)).forEach((r, i) => {
        out[i].push(r.regions);
      });
      if (ctx.counter) ctx.counter.regions += sets.length;
    }
    return out;
  } finally {
    for (const b of batches.flat()) b.dispose();
    disposeTensors(tw);
  }
}

/** R_N of networks on the same crops with the same weights; `start` is the position in the crop pass. */
export async function regionsPair(
  ctx: MeasureContext,
  graphs: Graph[],
  weights: Weights,
  start: number,
  cropKey: MeasureKey,
): Promise<number[]> {
  return regionsOf(ctx, graphs[0], weights, regionInputs(ctx, start, cropKey), graphs);
}

export function cropsPerRepeat(s: Settings): number {
  return s.regionBatches * s.regionBatchSize;
}
