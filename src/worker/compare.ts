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
import { checkOwnKernels } from '../engine/checks/own-kernel-check';
import { type KernelChoice, kernelChoice, ownKernelCalls, selectKernels } from '../engine/kernels/own-kernels';
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
): Promise<
  Omit<
    CompareResult,
    'backend' | 'space' | 'ms' | 'tensorsBefore' | 'tensorsAfter' | 'ownKernelCalls' | 'kernels' | 'kernelDiffs' | 'programs'
  >
> {
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
 * run() with the WebGPU programs it dispatches counted (tfjs's and the own
 * WGSL ones: each goes through the backend's runWebGPUProgram); null on
 * another backend.
 */
async function countPrograms<T>(run: () => Promise<T>): Promise<[T, number | null]> {
  if (tf.getBackend() !== 'webgpu') return [await run(), null];
  const backend = tf.backend() as unknown as { runWebGPUProgram(...args: unknown[]): unknown };
  const original = backend.runWebGPUProgram;
  let programs = 0;
  backend.runWebGPUProgram = function (this: unknown, ...args: unknown[]) {
    programs++;
    return original.apply(this, args);
  };
  try {
    return [await run(), programs];
  } finally {
    backend.runWebGPUProgram = original;
  }
}

/**
 * Runs the measurement of `space` on `backend` with the `kernels` choice (the
 * current one by default), then switches back to the backend and kernels that were active.
 */
export async function compare(
  backend: BackendName,
  space: SpaceName = 'nb201',
  kernels: KernelChoice = kernelChoice(),
): Promise<CompareResult> {
  const previous = tf.getBackend() as BackendName;
  const previousKernels = kernelChoice();
  if (!(await activate(backend))) throw new Error(`the ${backend} backend cannot start here`);
  try {
    selectKernels(kernels);
    const tensorsBefore = tf.memory().numTensors;
    const calls = ownKernelCalls.own;
    const t0 = performance.now();
    const [m, programs] = await countPrograms(() => measure(space));
    const ms = performance.now() - t0;
    const ownCalls = ownKernelCalls.own - calls;
    const kernelDiffs = await checkOwnKernels();
    return {
      kernels,
      kernelDiffs,
      programs,
      backend,
      space,
      ...m,
      ms,
      tensorsBefore,
      tensorsAfter: tf.memory().numTensors,
      ownKernelCalls: ownCalls,
    };
  } finally {
    selectKernels(previousKernels);
    if (previous && previous !== backend) await activate(previous);
  }
}
