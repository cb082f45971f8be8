/**
 * The worker's benchmark entry point: runs one named measurement
 * (src/engine/bench-cases.ts — the same engine calls the Node benchmark
 * times) with the given settings on the current backend, and reports the
 * seconds, the backend and what tfjs was configured with. Driven by
 * bench/browser.bench.mjs through window.__tenas.bench.
 */
import * as tf from '@tensorflow/tfjs-core';
import { isBenchCase, runBenchCase } from '../engine/checks/bench-cases';
import { parseSettings } from '../engine/model/settings';
import { getCifar } from './data';
import type { BenchReport, BenchRequest } from './protocol';

export async function bench(req: BenchRequest, onProgress?: (message: string) => void): Promise<BenchReport> {
  if (!isBenchCase(req.what)) throw new Error(`unknown benchmark case "${String(req.what)}"`);
  const settings = parseSettings(req.settings);
  if (!Number.isInteger(req.seed) || req.seed < 0) throw new Error(`invalid seed ${req.seed}`);
  if (req.chunk !== undefined && (!Number.isInteger(req.chunk) || req.chunk < 1)) throw new Error(`invalid chunk ${req.chunk}`);
  const data = await getCifar();
  const m = await runBenchCase(data, { what: req.what, settings, seed: req.seed, chunk: req.chunk }, onProgress);
  return { ...m, flags: tf.env().getFlags() };
}
