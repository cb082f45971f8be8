/**
 * The threaded-SIMD WebAssembly backend in Node (src/engine/wasm-threads-node.ts):
 * it really runs 2 XNNPACK threads, measures κ_N of the full supernet and R_N
 * of the thin net as the single-threaded SIMD build does, leaks no tensor,
 * switches back, and never keeps a process alive.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import type { CifarData } from '../../src/engine/data/cifar';
import { CropPass } from '../../src/engine/measures/crops';
import { drawNtkBatch, regionCrops } from '../../src/engine/measures/inputs';
import { measureNtk } from '../../src/engine/measures/kappa';
import { ntkGraph, thinGraph } from '../../src/engine/measures/measure';
import { setNodeBackend, wasmThreads } from '../../src/node/backend';
import { selectKernels, setKernels } from '../../src/engine/kernels/own-kernels';
import { stream } from '../../src/engine/model/random';
import { countRegions } from '../../src/engine/measures/regions';
import { PRESETS } from '../../src/engine/model/settings';
import { fullMask } from '../../src/engine/model/nb201/space';
import { disposeTensors, initWeights, toTensors } from '../../src/engine/model/weights';
import { cifarData } from '../helpers/engine';

const SEED = 3;
const BATCH = 16;
const CROPS = 500;

/** κ_N of the full supernet on one batch and R_N of its thin net, with weights from a fixed seed, on the current backend. */
async function measure(data: CifarData) {
  const settings = PRESETS.official;
  const mask = fullMask();
  const ntk = ntkGraph(mask, settings);
  const thin = thinGraph(mask, settings);
  const batch = drawNtkBatch(data, stream({ seed: SEED, purpose: 'ntk-batch' }), BATCH, true);
  const input = tf.tensor4d(batch.pixels, [BATCH, 32, 32, 3]);
  const ntkWeights = toTensors(ntk, initWeights(ntk, 'pytorch-default', stream({ seed: SEED, purpose: 'score-init' })));
  const patches = new CropPass(SEED, data.numTrain).crops(0, CROPS, stream({ seed: SEED, purpose: 'crops' }));
  const crops = tf.tensor4d(regionCrops(data, patches), [CROPS, 3, 3, 1]);
  const thinWeights = toTensors(thin, initWeights(thin, 'pytorch-default', stream({ seed: SEED, purpose: 'score-init', index: 1 })));
  const before = tf.memory().numTensors;
  try {
    const k = await measureNtk(ntk, ntkWeights, input);
    const r = await countRegions(thin, thinWeights, [crops]);
    return { k, r, leaked: tf.memory().numTensors - before };
  } finally {
    input.dispose();
    crops.dispose();
    disposeTensors(ntkWeights);
    disposeTensors(thinWeights);
  }
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

describe('threaded wasm backend in Node', () => {
  it('runs 2 threads and measures κ_N and R_N as the single-threaded build does', async () => {
    const data = await cifarData();
    // tfjs's kernels on both: the own ones cannot use the threaded build's shared memory, so only the threading differs.
    await setNodeBackend('wasm', { threads: 1, kernels: 'tfjs' });
    expect(getThreadsCount()).toBe(1);
    const single = await measure(data);

    await setNodeBackend('wasm', { threads: 2, kernels: 'tfjs' });
    expect(tf.getBackend()).toBe('wasm');
    expect(setKernels('own')).toMatch(/own ones cannot run here/);
    selectKernels('tfjs');
    expect(wasmThreads()).toBe(2);
    expect(getThreadsCount()).toBe(2);
    const threaded = await measure(data);

    expect(single.leaked).toBe(0);
    expect(threaded.leaked).toBe(0);
    expect(Number.isFinite(single.k.kappa) && single.k.kappa > 1).toBe(true);
    expect(rel(threaded.k.kappa, single.k.kappa)).toBeLessThan(1e-6);
    expect(rel(threaded.k.eigMax, single.k.eigMax)).toBeLessThan(1e-6);
    expect(rel(threaded.k.trace, single.k.trace)).toBeLessThan(1e-6);
    expect(threaded.k.cols).toBe(single.k.cols);
    const logitErr = Math.max(...threaded.k.logits.map((v, i) => Math.abs(v - single.k.logits[i])));
    expect(logitErr).toBeLessThan(1e-5);
    expect(threaded.r.regions).toBe(single.r.regions);
    expect(threaded.r.neurons).toBe(single.r.neurons);

    // and back to tfjs's own single-threaded build
    await setNodeBackend('wasm', { threads: 1, kernels: 'tfjs' });
    expect(wasmThreads()).toBe(1);
    expect(getThreadsCount()).toBe(1);
    const again = await measure(data);
    expect(again.k.kappa).toBe(single.k.kappa);
    await setNodeBackend('wasm', { threads: 1 }); // the own kernels again, as the other tests expect
  });

  it("keeps tfjs's kernels behind the own ones working in a wasm backend started after the choice", async () => {
    // The own kernels chosen, then a new wasm backend (each flavour change starts one): the convs the own
    // kernel passes on (stride 2, 3 × 3 of 3 channels) run tfjs's kernel, whose setup must have run too.
    await setNodeBackend('wasm', { threads: 1 });
    await setNodeBackend('wasm', { threads: 2 });
    await setNodeBackend('wasm', { threads: 1 });
    const x = tf.randomNormal([2, 16, 16, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    const f = tf.randomNormal([3, 3, 3, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
    const d = tf.randomNormal([3, 3, 3, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
    const sums = [tf.conv2d(x, f, 1, 'same'), tf.conv2d(x, f, 2, 'same'), tf.depthwiseConv2d(x, d, 2, 'same')].map((t) => {
      const v = t.sum().dataSync()[0];
      t.dispose();
      return v;
    });
    expect(sums.every(Number.isFinite)).toBe(true);
    tf.dispose([x, f, d]);
  });

  it('rejects thread counts outside 1..8', async () => {
    await expect(setNodeBackend('wasm', { threads: 0 })).rejects.toThrow(/threads/);
    await expect(setNodeBackend('wasm', { threads: 9 })).rejects.toThrow(/threads/);
  });

  it('lets a process that used 2 threads exit by itself', () => {
    const backendUrl = pathToFileURL(fileURLToPath(new URL('../../src/node/backend.ts', import.meta.url))).href;
    const tfUrl = pathToFileURL(createRequire(import.meta.url).resolve('@tensorflow/tfjs-core')).href;
    const code = `
      const { setNodeBackend, wasmThreads } = await import(${JSON.stringify(backendUrl)});
      const tf = await import(${JSON.stringify(tfUrl)});
      await setNodeBackend('wasm', { threads: 2 });
      const x = tf.randomNormal([64, 8, 8, 16], 0, 1, 'float32', 1);
      const f = tf.randomNormal([3, 3, 16, 16], 0, 1, 'float32', 2);
      const s = (await tf.conv2d(x, f, 1, 'same').sum().data())[0];
      console.log(JSON.stringify({ backend: tf.getBackend(), threads: wasmThreads(), finite: Number.isFinite(s) }));
    `;
    const script = join(mkdtempSync(join(tmpdir(), 'tenas-threads-')), 'exit.mjs');
    writeFileSync(script, code);
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(child.signal, `killed: still running after 120 s\n${child.stderr}`).toBeNull();
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout.trim().split('\n').at(-1)!)).toEqual({ backend: 'wasm', threads: 2, finite: true });
  });
});
