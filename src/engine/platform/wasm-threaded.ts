/**
 * The multithreaded (threaded-SIMD) build of tfjs-backend-wasm 4.22, started
 * by us instead of by tfjs's own init(), in Node (wasm-threads-node.ts) and in
 * the engine worker (src/worker/backend.ts). Pure TS: the caller supplies how
 * to find the pthread worker script, the main script and the wasm binary.
 *
 * Why not tfjs's init():
 * - it hands emscripten `wasmFactoryThreadedSimd.toString()` as a Blob for
 *   the pthread workers to importScripts. Bundled and minified (Vite), that
 *   function text has lost its enclosing scope: the guard
 *   `typeof _scriptDir !== "undefined" && _scriptDir` of the original is
 *   minified to `e !== void 0 && e` (the minifier knows `_scriptDir`, renamed
 *   `e`, is declared in the enclosing IIFE), and in the pthread worker, where
 *   only the function text exists, that line throws
 *   "ReferenceError: e is not defined" (the error seen under cross-origin
 *   isolation). A Blob script also needs `blob:` in script-src.
 * - in Node, emscripten's worker_threads cannot load a Blob URL, and tfjs's
 *   WASM_HAS_MULTITHREAD_SUPPORT flag is false whenever IS_NODE.
 * - the C side caps the thread count at navigator.hardwareConcurrency / 2
 *   (Node: os.cpus().length / 2), i.e. one thread on a 2-core machine; we
 *   answer emscripten_num_logical_cores with 2 × the requested count.
 *
 * Here the pthread workers load the original, unminified factory script from
 * a real URL or path (mainScriptUrlOrBlob), and the BackendWasm is built
 * around the module exactly as tfjs's init() does it.
 */
import { BackendWasm, getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

/** The C side's own cap (max_num_threads in tfjs-backend-wasm's backend.cc), also emscripten's pthread pool size. */
export const MAX_WASM_THREADS = 8;

/** What the threaded factory resolves to (the parts we use). */
export interface ThreadedModule {
  cwrap(name: string, ret: string | null, args: string[]): (...a: number[]) => number;
  PThread: { runningWorkers: unknown[]; unusedWorkers: unknown[]; terminateAllThreads(): void };
  tfjs?: unknown;
}

export type ThreadedFactory = (config: Record<string, unknown>) => Promise<ThreadedModule>;

type Imports = WebAssembly.Imports & { env: Record<string, unknown> };

export interface ThreadedSources {
  /** The pthread worker script: a URL (browser: a blob: URL of wasmWorkerContents) or a file path (Node). */
  workerScript: string;
  /** The unminified factory script the pthread workers load (URL or path). */
  mainScript: string;
  /** Compiles and instantiates the threaded-SIMD binary with emscripten's imports. */
  instantiate(imports: WebAssembly.Imports): Promise<{ instance: WebAssembly.Instance; module: WebAssembly.Module }>;
}

/** tfjs-backend-wasm's worker script text (a template literal whose "\n" escapes became newlines) as a runnable script. */
export function workerScriptText(wasmWorkerContents: string): string {
  return wasmWorkerContents.replace(/\n/g, '\\n');
}

export function checkThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 2 || threads > MAX_WASM_THREADS) {
    throw new Error(`threaded wasm: threads must be an integer in 2..${MAX_WASM_THREADS} (got ${threads})`);
  }
}

/**
 * Starts the threaded module (emscripten spawns its pool of 8 pthread workers)
 * and wraps it in tfjs's BackendWasm with `threads` XNNPACK threads (the
 * calling thread is one of them). Throws when the module aborts or the thread
 * pool ends up with another size.
 */
export async function startThreadedBackend(
  factory: ThreadedFactory,
  sources: ThreadedSources,
  threads: number,
  timeoutMs = 60_000,
): Promise<{ backend: BackendWasm; module: ThreadedModule }> {
  checkThreads(threads);
  // emscripten uses this object as its Module: config.PThread exists as soon as the factory has run.
  const config: Record<string, unknown> = {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const module = await new Promise<ThreadedModule>((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return; // a later abort (the module is running): emscripten reports it itself
      settled = true;
      (config.PThread as ThreadedModule['PThread'] | undefined)?.terminateAllThreads();
      reject(new Error(`threaded wasm: ${why}`));
    };
    // A pthread worker that cannot load its scripts (CSP, a missing file) leaves the factory pending for ever.
    timer = setTimeout(() => fail(`did not start within ${timeoutMs / 1000} s (its pthread workers never reported back)`), timeoutMs);
    Object.assign(config, {
      locateFile: (path: string, prefix: string) => (path.endsWith('.worker.js') ? sources.workerScript : prefix + path),
      mainScriptUrlOrBlob: sources.mainScript,
      instantiateWasm: (imports: Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => {
        // backend.cc: threads = min(requested, 8, emscripten_num_logical_cores() / 2)
        imports.env.emscripten_num_logical_cores = () => 2 * threads;
        sources.instantiate(imports).then(
          (r) => receive(r.instance, r.module),
          (e: unknown) => fail(`instantiation failed: ${e instanceof Error ? e.message : String(e)}`),
        );
        return {};
      },
      onAbort: (what: unknown) => fail(`aborted: ${String(what)}`),
    });
    factory(config).then(
      (m) => {
        if (settled) return;
        settled = true;
        resolve(m);
      },
      (e: unknown) => fail(e instanceof Error ? e.message : String(e)),
    );
  }).finally(() => clearTimeout(timer));
  // The same bridge as tfjs-backend-wasm's init() (dist/backend_wasm.js).
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  setThreadsCount(threads);
  let backend: BackendWasm;
  try {
    backend = new BackendWasm(module as unknown as ConstructorParameters<typeof BackendWasm>[0]);
  } finally {
    setThreadsCount(-1); // tfjs's default again, for its own init()
  }
  const actual = getThreadsCount();
  if (actual !== threads) {
    backend.dispose();
    throw new Error(`threaded wasm: asked for ${threads} threads, the thread pool has ${actual}`);
  }
  return { backend, module };
}
