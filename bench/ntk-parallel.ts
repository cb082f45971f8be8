/**
 * One 72-row NTK of the full supernet with the cores used three ways, in one session:
 * single-threaded, rows shared among N worker threads (row helpers), or
 * tfjs's threaded-SIMD build with N XNNPACK threads.
 *
 *   npx tsx bench/ntk-parallel.ts <workers> <threads>
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadCifar } from '../src/engine/cifar';
import { normalizeImages } from '../src/engine/inputs';
import { measureNtk } from '../src/engine/kappa';
import { buildGraph } from '../src/engine/network';
import { nodeReadAsset } from '../src/engine/node-assets';
import { useNodeBackend } from '../src/engine/node-backend';
import { startRowHelpers } from '../src/engine/node-row-helpers';
import { stream } from '../src/engine/random';
import { fullMask } from '../src/engine/space';
import { initWeights, toTensors } from '../src/engine/weights';
const workers = Number(process.argv[2] ?? 1);
const threads = Number(process.argv[3] ?? 1);
await useNodeBackend('wasm', { threads });
const B = 72;
const data = await loadCifar(nodeReadAsset());
const g = buildGraph({ kind: 'ntk', C: 3, numClasses: 10, mask: fullMask(), inChannels: 3 });
const w = toTensors(g, initWeights(g, 'pytorch-default', stream({ seed: 0, purpose: 'ntk-init' })));
const images = stream({ seed: 0, purpose: 'ntk-batch' }).sampleWithoutReplacement(data.numTrain, B);
const input = tf.tensor4d(normalizeImages(data, images), [B, 32, 32, 3]);
const pool = startRowHelpers(workers - 1, 'wasm');
await measureNtk(g, w, input, { helpers: pool.helpers });
const t: number[] = [];
let k = 0;
for (let r = 0; r < 3; r++) { const t0 = performance.now(); k = (await measureNtk(g, w, input, { helpers: pool.helpers })).kappa; t.push((performance.now() - t0) / 1000); }
t.sort((a, b) => a - b);
console.log(`workers ${workers} threads ${threads}: ${t.map((x) => x.toFixed(2)).join(' ')} s, median ${t[1].toFixed(2)} s, κ ${k}`);
await pool.close();
