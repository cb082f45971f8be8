/**
 * Benchmark: one 72-row NTK of the full NAS-Bench-201 supernet (C = 3, all
 * four ops on every edge, batch 72) on a Node backend — the batched Jacobian
 * (median of several runs) beside the naive per-row autodiff way, measured in
 * the same run. Writes bench/results/ntk-<backend>-<date>.json.
 *
 *   npm run bench [-- --backend wasm|cpu --runs 3 --naive-rows 72 --chunk N]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { loadCifar } from '../src/engine/cifar';
import { normalizeImages } from '../src/engine/inputs';
import { defaultChunk, measureNtk } from '../src/engine/kappa';
import { naiveJacobian } from '../src/engine/naive-jacobian';
import { buildGraph } from '../src/engine/network';
import { nodeReadAsset } from '../src/engine/node-assets';
import { useNodeBackend } from '../src/engine/node-backend';
import type { NodeBackend } from '../src/engine/node-backend';
import { stream } from '../src/engine/random';
import { fullMask } from '../src/engine/space';
import { disposeTensors, initWeights, toTensors } from '../src/engine/weights';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    runs: { type: 'string', default: '3' },
    'naive-rows': { type: 'string', default: '72' },
    chunk: { type: 'string' },
  },
});
const backendName = values.backend as NodeBackend;
const runs = Number(values.runs);
const naiveRows = Number(values['naive-rows']);
const B = 72;

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

await useNodeBackend(backendName);
const data = await loadCifar(nodeReadAsset());
const g = buildGraph({ kind: 'ntk', C: 3, numClasses: 10, mask: fullMask(), inChannels: 3 });
const w = toTensors(g, initWeights(g, 'pytorch-default', stream({ seed: 0, purpose: 'ntk-init' })));
const images = stream({ seed: 0, purpose: 'ntk-batch' }).sampleWithoutReplacement(data.numTrain, B);
const input = tf.tensor4d(normalizeImages(data, images), [B, 32, 32, 3]);
const chunk = values.chunk ? Number(values.chunk) : defaultChunk(B);

const machine = `${os.cpus()[0]?.model ?? 'unknown cpu'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${os.platform()} ${os.arch()}`;
console.log(`machine: ${machine}`);
console.log(`backend: ${backendName}; batched chunk ${chunk}; runs ${runs}`);

await measureNtk(g, w, input, { chunk }); // warm-up (compiles kernels, allocates)
const batched: number[] = [];
let kappa = 0;
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  kappa = (await measureNtk(g, w, input, { chunk })).kappa;
  batched.push((performance.now() - t0) / 1000);
  console.log(`  batched run ${r + 1}: ${batched.at(-1)!.toFixed(2)} s (κ ${kappa.toFixed(3)})`);
}

const t1 = performance.now();
await naiveJacobian(g, w, input, { rows: naiveRows });
const naiveMeasured = (performance.now() - t1) / 1000;
const naive72 = (naiveMeasured * B) / naiveRows;
console.log(`  naive per-row: ${naiveRows} rows in ${naiveMeasured.toFixed(2)} s → ${naive72.toFixed(1)} s for 72 rows`);

const result = {
  benchmark: 'one 72-row NTK of the full supernet (C=3, batch 72, 14364 Jacobian columns)',
  date: new Date().toISOString(),
  machine,
  backend: backendName,
  chunk,
  batchedSeconds: { median: median(batched), runs: batched },
  naivePerRowSeconds: { rowsMeasured: naiveRows, measured: naiveMeasured, extrapolatedTo72: naive72 },
  speedup: naive72 / median(batched),
  kappa,
};
console.log(`\nbatched median ${median(batched).toFixed(2)} s vs naive ${naive72.toFixed(1)} s: ${result.speedup.toFixed(1)}× faster`);
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/ntk-${backendName}-${result.date.slice(0, 10)}.json`;
writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
console.log(`written ${file}`);
input.dispose();
disposeTensors(w);
