/**
 * A small fixed measurement for comparing backends: κ_N of the full supernet
 * on one batch of 4 CIFAR-10 images (no augmentation) and R_N of the thin net
 * on 200 crops, both with weights drawn from a fixed seed.
 *
 * In the DARTS space the network is a tiny one that still runs every op: one
 * op per edge, the 7 ops in turn over the 14 edges of each cell (the reduction
 * cell shifted by 3), so sep_conv, dil_conv, both pools, skip and
 * FactorizedReduce are all measured.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ownKernelCalls } from '../engine/kernels/own-kernels';
import { ownBnBackward } from '../engine/kernels/bn-backward';
import { bnBackward, bnExpandOperand } from '../engine/measures/backward/bn';
import { fromChannelMajor, toChannelMajor } from '../engine/measures/backward/layout';
import { CropPass } from '../engine/measures/crops';
import { drawNtkBatch, regionCrops } from '../engine/measures/inputs';
import { measureNtk } from '../engine/measures/kappa';
import { ntkGraph, thinGraph } from '../engine/measures/measure';
import { stream } from '../engine/model/random';
import { countRegions } from '../engine/measures/regions';
import { PRESETS } from '../engine/model/settings';
import { fullMask } from '../engine/model/nb201/space';
import { NUM_EDGES, NUM_OPS } from '../engine/model/darts/space';
import type { SpaceName } from '../engine/model/settings-table';
import type { Graph } from '../engine/model/graph';
import { dartsNtkGraph, dartsThinGraph } from '../engine/search/darts-nets';
import { disposeTensors, initWeights, toTensors } from '../engine/model/weights';
import { activate } from './backend';
import { getCifar } from './data';
import type { BackendName, CompareResult } from './protocol';

const SEED = 7;
const BATCH = 4;
const CROPS = 200;

/** One op per edge, ops 1..7 in turn from `shift`. */
const dartsOnePath = (shift: number): number[][] =>
  Array.from({ length: NUM_EDGES }, (_, e) =>
    Array.from({ length: NUM_OPS }, (_, op) => (op === 1 + ((e + shift) % (NUM_OPS - 1)) ? 1 : 0)),
  );

/** The NTK and thin networks compared in `space`. */
function networks(space: SpaceName): { ntk: Graph; thin: Graph } {
  if (space === 'darts') {
    const settings = { ...PRESETS['darts-quick'], batchSize: BATCH };
    const masks = { normal: dartsOnePath(0), reduce: dartsOnePath(3) };
    return { ntk: dartsNtkGraph(masks, settings), thin: dartsThinGraph(masks, settings) };
  }
  const settings = { ...PRESETS.quick, batchSize: BATCH };
  return { ntk: ntkGraph(fullMask(), settings), thin: thinGraph(fullMask(), settings) };
}

async function measure(
  space: SpaceName,
): Promise<Omit<CompareResult, 'backend' | 'space' | 'ms' | 'tensorsBefore' | 'tensorsAfter' | 'ownKernelCalls' | 'bnKernelDiff'>> {
  const data = await getCifar();
  const { ntk, thin } = networks(space);
  const batch = drawNtkBatch(data, stream({ seed: SEED, purpose: 'ntk-batch' }), BATCH, false);
  const input = tf.tensor4d(batch.pixels, [BATCH, 32, 32, 3]);
  const ntkWeights = toTensors(ntk, initWeights(ntk, 'pytorch-default', stream({ seed: SEED, purpose: 'score-init' })));
  const patches = new CropPass(SEED, data.numTrain).crops(0, CROPS, stream({ seed: SEED, purpose: 'crops' }));
  const crops = tf.tensor4d(regionCrops(data, patches), [CROPS, 3, 3, 1]);
  const thinWeights = toTensors(thin, initWeights(thin, 'pytorch-default', stream({ seed: SEED, purpose: 'score-init', index: 1 })));
  try {
    const k = await measureNtk(ntk, ntkWeights, input);
    // Two equal batches: they run as channel groups of one pass (measures/region-groups.ts), as a search's repeats do.
    const halves = tf.split(crops, 2) as tf.Tensor4D[];
    const r = await countRegions(thin, thinWeights, halves).finally(() => tf.dispose(halves));
    return { kappa: k.kappa, eigMax: k.eigMax, eigMin: k.eigMin, trace: k.trace, regions: r.regions, neurons: r.neurons };
  } finally {
    input.dispose();
    crops.dispose();
    disposeTensors(ntkWeights);
    disposeTensors(thinWeights);
  }
}

/**
 * The own BatchNorm-backward kernel against tfjs's route on the current
 * backend, on a fixed random case: the largest difference relative to the
 * largest value, over u and Σ g·x̂; null where the own kernel does not run.
 */
async function bnKernelCheck(): Promise<number | null> {
  const shape: [number, number, number, number] = [2, 4, 4, 3];
  const kc = 3;
  const made = tf.tidy(() => {
    const x = tf.randomNormal(shape, 1, 2, 'float32', 1);
    const { mean, variance } = tf.moments(x, [0, 1, 2]);
    const xhat = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))) as tf.Tensor4D;
    const g = tf.randomNormal([kc * shape[0], shape[1], shape[2], shape[3]], 0.5, 1, 'float32', 2);
    const own = ownBnBackward(g, xhat, kc);
    if (!own) return [];
    const expand = bnExpandOperand(xhat);
    const [uT, sumGx] = bnBackward(toChannelMajor(g, kc, shape[3]), tf.transpose(expand) as tf.Tensor2D, expand, kc, shape[3]);
    return [fromChannelMajor(uT, kc, shape), own[0], sumGx, own[1]];
  });
  if (made.length === 0) return null;
  try {
    const values = await Promise.all(made.map((t) => t.data()));
    let diff = 0;
    for (const [ref, mine] of [
      [values[0], values[1]],
      [values[2], values[3]],
    ]) {
      let scale = 0;
      let worst = 0;
      for (let i = 0; i < ref.length; i++) {
        scale = Math.max(scale, Math.abs(ref[i]));
        worst = Math.max(worst, Math.abs(ref[i] - mine[i]));
      }
      diff = Math.max(diff, worst / scale);
    }
    return diff;
  } finally {
    tf.dispose(made);
  }
}

/** Runs the measurement of `space` on `backend`, then switches back to the backend that was active. */
export async function compare(backend: BackendName, space: SpaceName = 'nb201'): Promise<CompareResult> {
  const previous = tf.getBackend() as BackendName;
  if (!(await activate(backend))) throw new Error(`the ${backend} backend cannot start here`);
  try {
    const tensorsBefore = tf.memory().numTensors;
    const calls = ownKernelCalls.own;
    const t0 = performance.now();
    const m = await measure(space);
    const bnKernelDiff = await bnKernelCheck();
    return {
      bnKernelDiff,
      backend,
      space,
      ...m,
      ms: performance.now() - t0,
      tensorsBefore,
      tensorsAfter: tf.memory().numTensors,
      ownKernelCalls: ownKernelCalls.own - calls,
    };
  } finally {
    if (previous && previous !== backend) await activate(previous);
  }
}
