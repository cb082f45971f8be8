/**
 * Benchmark: one 72-row NTK of the full NAS-Bench-201 supernet (C = 3, all
 * four ops on every edge, batch 72) on a Node backend — the batched Jacobian
 * (median of several runs) beside the naive per-row autodiff way, measured in
 * the same run. Writes bench/results/ntk-<backend>-<date>.json.
 *
 *   npx tsx bench/ntk.bench.ts [--backend wasm|cpu --runs 3 --naive-rows 72 --chunk N --threads 1,2]
 *
 * --threads (wasm): a comma-separated list of thread counts, each measured in
 * turn in this run (1 = tfjs's single-threaded SIMD build, 2..8 = the
 * threaded-SIMD build); the file then ends in -threads-<list>.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { loadCifar } from '../src/engine/data/cifar';
import { normalizeImages } from '../src/engine/measures/inputs';
import { defaultChunk, measureNtk } from '../src/engine/measures/kappa';
import { naiveJacobian } from '../src/engine/checks/naive-jacobian';
import { buildGraph } from '../src/engine/model/network';
import { nodeReadAsset } from '../src/node/assets';
import { MAX_WASM_THREADS, setNodeBackend } from '../src/node/backend';
import type { NodeBackend } from '../src/node/backend';
import { stream } from '../src/engine/model/random';
import { fullMask } from '../src/engine/model/nb201/space';
import { disposeTensors, initWeights, toTensors } from '../src/engine/model/weights';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    runs: { type: 'string', default: '3' },
    'naive-rows': { type: 'string', default: '72' },
    chunk: { type: 'string' },
    threads: { type: 'string' },
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

const threadList = values.threads === undefined ? [1] : values.threads.split(',').map(Number);
if (threadList.some((t) => !Number.isInteger(t) || t < 1 || t > MAX_WASM_THREADS))
  throw new Error(`--threads: integers in 1..${MAX_WASM_THREADS}, comma-separated (got "${values.threads}")`);
if (backendName !== 'wasm' && values.threads !== undefined) throw new Error('--threads applies to the wasm backend only');

const data = await loadCifar(nodeReadAsset());
const g = buildGraph({ space: 'nb201', kind: 'ntk', C: 3, numClasses: 10, mask: fullMask(), inChannels: 3 });
const images = stream({ seed: 0, purpose: 'ntk-batch' }).sampleWithoutReplacement(data.numTrain, B);
const chunk = values.chunk ? Number(values.chunk) : defaultChunk(B);

const machine = `${os.cpus()[0]?.model ?? 'unknown cpu'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${os.platform()} ${os.arch()}`;
console.log(`machine: ${machine}`);
console.log(`backend: ${backendName}; batched chunk ${chunk}; runs ${runs}; threads ${threadList.join(', ')}`);

/** A backend flavour with its tensors, warmed up by one NTK (compiles kernels, allocates). */
interface Setup {
  threads: number;
  w: ReturnType<typeof toTensors>;
  input: tf.Tensor4D;
}

async function open(threads: number): Promise<Setup> {
  await setNodeBackend(backendName, { threads });
  const w = toTensors(g, initWeights(g, 'pytorch-default', stream({ seed: 0, purpose: 'ntk-init' })));
  const input = tf.tensor4d(normalizeImages(data, images), [B, 32, 32, 3]);
  await measureNtk(g, w, input, { chunk }); // warm-up
  return { threads, w, input };
}

function close(s: Setup): void {
  s.input.dispose();
  disposeTensors(s.w);
}

const label = (t: number) => (backendName === 'wasm' ? (t > 1 ? `threaded-SIMD, ${t} threads` : 'SIMD, single-threaded') : backendName);
const timings = new Map(threadList.map((t) => [t, { batched: [] as number[], kappa: 0, naiveMeasured: 0 }]));
let current: Setup | null = null;
async function use(t: number): Promise<Setup> {
  if (current?.threads !== t) {
    if (current) close(current);
    current = await open(t);
  }
  return current;
}

// Several configurations are interleaved run by run (each switch starts a fresh backend and warms it up), so a
// change in the machine's load hits them alike.
for (let r = 0; r < runs; r++) {
  for (const t of threadList) {
    const s = await use(t);
    const t0 = performance.now();
    const kappa = (await measureNtk(g, s.w, s.input, { chunk })).kappa;
    const m = timings.get(t)!;
    m.batched.push((performance.now() - t0) / 1000);
    m.kappa = kappa;
    console.log(`  ${label(t)}: batched run ${r + 1}: ${m.batched.at(-1)!.toFixed(2)} s (κ ${kappa.toFixed(3)})`);
  }
}
for (const t of [...threadList].reverse()) {
  const s = await use(t);
  const t1 = performance.now();
  await naiveJacobian(g, s.w, s.input, { rows: naiveRows });
  const m = timings.get(t)!;
  m.naiveMeasured = (performance.now() - t1) / 1000;
  console.log(
    `  ${label(t)}: naive per-row: ${naiveRows} rows in ${m.naiveMeasured.toFixed(2)} s → ${((m.naiveMeasured * B) / naiveRows).toFixed(1)} s for 72 rows`,
  );
}
if (current) close(current);

const configs = threadList.map((threads) => {
  const m = timings.get(threads)!;
  const naive72 = (m.naiveMeasured * B) / naiveRows;
  return {
    threads,
    batchedSeconds: { median: median(m.batched), runs: m.batched },
    naivePerRowSeconds: { rowsMeasured: naiveRows, measured: m.naiveMeasured, extrapolatedTo72: naive72 },
    speedup: naive72 / median(m.batched),
    kappa: m.kappa,
  };
});
const first = configs[0];

const result = {
  benchmark: 'one 72-row NTK of the full supernet (C=3, batch 72, 14364 Jacobian columns)',
  date: new Date().toISOString(),
  machine,
  backend: backendName,
  chunk,
  ...first,
  ...(configs.length > 1 && {
    configs,
    kappaMaxRelDiff: Math.max(...configs.map((c) => Math.abs(c.kappa - first.kappa) / Math.abs(first.kappa))),
  }),
};
for (const c of configs) {
  console.log(
    `\nthreads ${c.threads}: batched median ${c.batchedSeconds.median.toFixed(2)} s vs naive ${c.naivePerRowSeconds.extrapolatedTo72.toFixed(1)} s: ${c.speedup.toFixed(1)}× faster; κ ${c.kappa}`,
  );
}
if (configs.length > 1) {
  for (const c of configs.slice(1))
    console.log(
      `threads ${c.threads} vs ${first.threads}: ${(first.batchedSeconds.median / c.batchedSeconds.median).toFixed(2)}× (batched median), κ relative difference ${(Math.abs(c.kappa - first.kappa) / Math.abs(first.kappa)).toExponential(2)}`,
    );
}
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/ntk-${backendName}${values.threads === undefined ? '' : `-threads-${threadList.join('-')}`}-${result.date.slice(0, 10)}.json`;
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`written ${file}`);
