/**
 * A small fixed measurement for comparing backends: κ_N of the full supernet
 * on one batch of 4 CIFAR-10 images (no augmentation) and R_N of the thin net
 * on 200 crops, both with weights drawn from a fixed seed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { CropPass } from '../engine/measures/crops';
import { drawNtkBatch, regionCrops } from '../engine/measures/inputs';
import { measureNtk } from '../engine/measures/kappa';
import { ntkGraph, thinGraph } from '../engine/measures/measure';
import { stream } from '../engine/model/random';
import { countRegions } from '../engine/measures/regions';
import { PRESETS } from '../engine/model/settings';
import { fullMask } from '../engine/model/nb201/space';
import { disposeTensors, initWeights, toTensors } from '../engine/model/weights';
import { activate } from './backend';
import { getCifar } from './data';
import type { BackendName, CompareResult } from './protocol';

const SEED = 7;
const BATCH = 4;
const CROPS = 200;

async function measure(): Promise<Omit<CompareResult, 'backend' | 'ms' | 'tensorsBefore' | 'tensorsAfter'>> {
  const data = await getCifar();
  const settings = { ...PRESETS.quick, batchSize: BATCH };
  const mask = fullMask();
  const ntk = ntkGraph(mask, settings);
  const thin = thinGraph(mask, settings);
  const batch = drawNtkBatch(data, stream({ seed: SEED, purpose: 'ntk-batch' }), BATCH, false);
  const input = tf.tensor4d(batch.pixels, [BATCH, 32, 32, 3]);
  const ntkWeights = toTensors(ntk, initWeights(ntk, 'pytorch-default', stream({ seed: SEED, purpose: 'score-init' })));
  const patches = new CropPass(SEED, data.numTrain).crops(0, CROPS, stream({ seed: SEED, purpose: 'crops' }));
  const crops = tf.tensor4d(regionCrops(data, patches), [CROPS, 3, 3, 1]);
  const thinWeights = toTensors(thin, initWeights(thin, 'pytorch-default', stream({ seed: SEED, purpose: 'score-init', index: 1 })));
  try {
    const k = await measureNtk(ntk, ntkWeights, input);
    const r = await countRegions(thin, thinWeights, [crops]);
    return { kappa: k.kappa, eigMax: k.eigMax, eigMin: k.eigMin, trace: k.trace, regions: r.regions, neurons: r.neurons };
  } finally {
    input.dispose();
    crops.dispose();
    disposeTensors(ntkWeights);
    disposeTensors(thinWeights);
  }
}

/** Runs the measurement on `backend`, then switches back to the backend that was active. */
export async function compare(backend: BackendName): Promise<CompareResult> {
  const previous = tf.getBackend() as BackendName;
  if (!(await activate(backend))) throw new Error(`the ${backend} backend cannot start here`);
  try {
    const tensorsBefore = tf.memory().numTensors;
    const t0 = performance.now();
    const m = await measure();
    return { backend, ...m, ms: performance.now() - t0, tensorsBefore, tensorsAfter: tf.memory().numTensors };
  } finally {
    if (previous && previous !== backend) await activate(previous);
  }
}
