/**
 * The fixed measurement of the NTK benchmarks: the full NAS-Bench-201
 * supernet (C = 3, all four ops on every edge, 10 classes) with weights and a
 * batch of B training images drawn from seed 0 (no augmentation).
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadCifar } from '../src/engine/data/cifar';
import { normalizeImages } from '../src/engine/measures/inputs';
import type { Graph } from '../src/engine/model/graph';
import { buildGraph } from '../src/engine/model/network';
import { nodeReadAsset } from '../src/node/assets';
import { stream } from '../src/engine/model/random';
import { fullMask } from '../src/engine/model/nb201/space';
import type { TensorWeights } from '../src/engine/model/weights';
import { initWeights, toTensors } from '../src/engine/model/weights';

export async function supernetBatch(B = 72): Promise<{ g: Graph; w: TensorWeights; input: tf.Tensor4D }> {
  const data = await loadCifar(nodeReadAsset());
  const g = buildGraph({ space: 'nb201', kind: 'ntk', C: 3, numClasses: 10, mask: fullMask(), inChannels: 3 });
  const w = toTensors(g, initWeights(g, 'pytorch-default', stream({ seed: 0, purpose: 'ntk-init' })));
  const images = stream({ seed: 0, purpose: 'ntk-batch' }).sampleWithoutReplacement(data.numTrain, B);
  const input = tf.tensor4d(normalizeImages(data, images), [B, 32, 32, 3]);
  return { g, w, input };
}
