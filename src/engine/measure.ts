/**
 * One candidate's measurements (the body of the official `prune_func_rank`
 * loop) and the scoring of a single cell.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CifarData } from './cifar';
import { CropPass } from './crops';
import { drawNtkBatch, regionCrops } from './inputs';
import { measureNtk } from './kappa';
import type { Graph } from './network';
import { buildGraph } from './network';
import { stream } from './random';
import { countRegions } from './regions';
import type { Settings } from './settings';
import type { Mask } from './space';
import type { InitScheme, Weights } from './weights';
import { disposeTensors, toTensors } from './weights';

export interface MeasureContext {
  data: CifarData;
  seed: number;
  settings: Settings;
  crops: CropPass;
  /** Rows of J per backward pass (memory bound); default per batch size. */
  chunk?: number;
}

export function ntkGraph(mask: Mask, s: Settings): Graph {
  return buildGraph({ kind: 'ntk', C: 3, numClasses: s.numClasses, mask, inChannels: 3 });
}

export function thinGraph(mask: Mask, s: Settings): Graph {
  return buildGraph({ kind: 'thin', C: 1, numClasses: s.numClasses, mask, inChannels: 1 });
}

export function ntkInit(s: Settings): InitScheme {
  return s.init === 'pytorch-default' ? 'pytorch-default' : 'kaiming-normal-fanout';
}

export function thinInit(s: Settings): InitScheme {
  return s.init === 'pytorch-default' ? 'pytorch-default' : 'kaiming-normal-fanin';
}

/** κ_N of two networks on the same batch with the same weights. */
export async function kappaPair(ctx: MeasureContext, graphs: Graph[], weights: Weights, batchKey: { round?: number; candidate?: number; repeat: number }): Promise<number[]> {
  const s = ctx.settings;
  const batch = drawNtkBatch(ctx.data, stream({ seed: ctx.seed, ...batchKey, purpose: 'ntk-batch' }), s.batchSize, s.augment);
  const input = tf.tensor4d(batch.pixels, [s.batchSize, 32, 32, 3]);
  const tw = toTensors(graphs[0], weights);
  try {
    const out: number[] = [];
    for (const g of graphs) out.push((await measureNtk(g, tw, input, { chunk: ctx.chunk })).kappa);
    return out;
  } finally {
    input.dispose();
    disposeTensors(tw);
  }
}

/** R_N of networks on the same crops with the same weights; `start` is the position in the crop pass. */
export async function regionsPair(ctx: MeasureContext, graphs: Graph[], weights: Weights, start: number, cropKey: { round?: number; candidate?: number; repeat: number }): Promise<number[]> {
  const s = ctx.settings;
  const rng = stream({ seed: ctx.seed, ...cropKey, purpose: 'crops' });
  const batches: tf.Tensor4D[] = [];
  for (let b = 0; b < s.regionBatches; b++) {
    const patches = ctx.crops.crops(start + b * s.regionBatchSize, s.regionBatchSize, rng);
    batches.push(tf.tensor4d(regionCrops(ctx.data, patches), [patches.length, 3, 3, 1]));
  }
  const tw = toTensors(graphs[0], weights);
  try {
    const out: number[] = [];
    for (const g of graphs) out.push((await countRegions(g, tw, batches)).regions);
    return out;
  } finally {
    batches.forEach((b) => b.dispose());
    disposeTensors(tw);
  }
}

export function cropsPerRepeat(s: Settings): number {
  return s.regionBatches * s.regionBatchSize;
}
