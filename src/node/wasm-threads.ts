/**
 * The threaded-SIMD WebAssembly backend in Node: emscripten's pthreads run on
 * worker_threads. tfjs itself never offers it in Node (its
 * WASM_HAS_MULTITHREAD_SUPPORT flag is false whenever IS_NODE, tfjs issue
 * #3830, and its init() gives the pthread workers Blob URLs that
 * worker_threads cannot load), so we start the module ourselves (see
 * wasm-threaded.ts): the pthread worker script is tfjs's wasmWorkerContents
 * written once to a file in the temp directory, and the workers load the
 * factory script from its path in node_modules.
 *
 * The worker threads never keep the process alive: emscripten unrefs idle
 * ones, and we unref the XNNPACK pool's threads, which it keeps running
 * (blocked in Atomics.wait) for the life of the module.
 *
 * Only Node entry points import this file (through node-backend.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { KernelBackend } from '@tensorflow/tfjs-core';
import { startThreadedBackend, workerScriptText } from '../engine/platform/wasm-threaded';
import type { ThreadedFactory } from '../engine/platform/wasm-threaded';

const require = createRequire(import.meta.url);
const FACTORY = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
const BINARY = join(dirname(FACTORY), 'tfjs-backend-wasm-threaded-simd.wasm');

let workerFile: string | null = null;
let binary: Promise<WebAssembly.Module> | null = null;

/** tfjs's pthread worker script as a file (named by its content's hash; written atomically, so concurrent processes agree). */
function pthreadWorkerFile(): string {
  if (workerFile) return workerFile;
  const { wasmWorkerContents } = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js') as {
    wasmWorkerContents: string;
  };
  const text = workerScriptText(wasmWorkerContents);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'tenas-tfjs-wasm');
  const file = join(dir, `threaded-simd-${hash}.worker.cjs`);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    mkdirSync(dir, { recursive: true });
    const part = `${file}.${process.pid}.${Date.now()}.part`;
    writeFileSync(part, text);
    renameSync(part, file);
  }
  workerFile = file;
  return file;
}

/** The compiled threaded-SIMD binary (compiled once per process; every module instantiates it). */
function compiled(): Promise<WebAssembly.Module> {
  binary ??= WebAssembly.compile(readFileSync(BINARY));
  return binary;
}

/**
 * A tfjs BackendWasm on the threaded-SIMD build with `threads` threads
 * (2..8). Register it under the name 'wasm' so every wasm kernel applies.
 */
export async function createThreadedWasmBackend(threads: number): Promise<KernelBackend> {
  const factory = require(FACTORY) as ThreadedFactory;
  const { backend, module } = await startThreadedBackend(
    factory,
    {
      workerScript: pthreadWorkerFile(),
      mainScript: FACTORY,
      instantiate: async (imports) => {
        const module = await compiled();
        return { instance: await WebAssembly.instantiate(module, imports), module };
      },
    },
    threads,
  );
  for (const w of [...module.PThread.runningWorkers, ...module.PThread.unusedWorkers]) (w as Worker).unref();
  return backend;
}
