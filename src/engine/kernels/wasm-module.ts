/**
 * An own kernel module (a generated `<base>-wasm.ts`) instantiated on the tfjs
 * wasm backend's memory: the module imports that memory, so its functions read
 * and write tensors where tfjs keeps them. One instance per heap and module.
 */

/** The parts of tfjs-backend-wasm's emscripten module the own kernels use. */
export interface WasmHeap {
  asm?: { memory?: unknown };
  HEAPU8: Uint8Array;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
}

const decoded = new Map<string, Uint8Array>();
const instances = new Map<string, WeakMap<object, object | string>>();

function bytesOf(base64: string): Uint8Array {
  let bytes = decoded.get(base64);
  if (!bytes) {
    const bin = atob(base64);
    bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    decoded.set(base64, bytes);
  }
  return bytes;
}

/**
 * The module's exports bound to this heap, or why it cannot be (no exported
 * memory, or a shared one: the threaded build's, which this non-shared import
 * cannot take).
 */
export function moduleOn<T extends object>(heap: WasmHeap, base64: string): T | string {
  let perHeap = instances.get(base64);
  if (!perHeap) {
    perHeap = new WeakMap();
    instances.set(base64, perHeap);
  }
  const known = perHeap.get(heap);
  if (known !== undefined) return known as T | string;
  let result: T | string;
  const memory = heap.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) result = 'the wasm backend exports no memory';
  else {
    try {
      const instance = new WebAssembly.Instance(new WebAssembly.Module(bytesOf(base64) as BufferSource), { env: { memory } });
      result = instance.exports as unknown as T;
    } catch (e) {
      result = `the own kernel cannot use this wasm memory (${e instanceof Error ? e.message : String(e)})`;
    }
  }
  perHeap.set(heap, result);
  return result;
}

/** The parts of tfjs-backend-wasm's backend object the own kernels use. */
export interface WasmBackendLike {
  wasm: WasmHeap;
  dataIdMap: { get(id: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: string): import('@tensorflow/tfjs-core').TensorInfo;
  readSync(dataId: object): unknown;
}
