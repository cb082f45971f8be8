/**
 * tfjs's FusedBatchNorm for the wasm backend, channels last, written over the
 * wasm heap in TypeScript: the same operations in the same precisions and
 * order as tfjs-backend-wasm 4.22's compiled kernel (read from its .wasm):
 * n = √(variance + ε) and t = (x − mean)·scale in float32, then
 * offset + t / n in float64, rounded once to float32 on the store; so the
 * results are bit for bit tfjs's (a test compares the bits). That kernel
 * walks every value with four wrapping indices; this one
 * walks whole vectors on the own SIMD module (bnfwd.wat), or pixels and
 * channels in TypeScript where that module cannot run. Used for calls whose mean,
 * variance, offset and scale are per channel or scalars; others go to tfjs's
 * kernel (see ./own-kernels).
 */
import * as tf from '@tensorflow/tfjs-core';
import { BNFWD_WASM_BASE64 } from './bnfwd-wasm';
import { moduleOn, type WasmBackendLike } from './wasm-module';

const f = Math.fround;

interface Inputs {
  x: tf.TensorInfo;
  mean: tf.TensorInfo;
  variance: tf.TensorInfo;
  offset?: tf.TensorInfo | null;
  scale?: tf.TensorInfo | null;
}

/** Whether the call's per-channel operands fit this kernel: float32, each of size 1 or the channel count. */
export function batchNormCovered(inputs: Inputs): boolean {
  const { x } = inputs;
  const c = x.shape[x.shape.length - 1];
  const parts = [inputs.mean, inputs.variance, inputs.offset, inputs.scale];
  if (x.dtype !== 'float32' || x.shape.length === 0 || c === 0) return false;
  return parts.every((t) => t == null || (t.dtype === 'float32' && [1, c].includes(tf.util.sizeFromShape(t.shape))));
}

/** Values of t repeated to c channels (a scalar broadcast), or `fill` where there is none. */
function perChannel(backend: WasmBackendLike, t: tf.TensorInfo | null | undefined, c: number, fill: number): Float32Array {
  if (t == null) return new Float32Array(c).fill(fill);
  const v = backend.readSync(t.dataId) as Float32Array;
  return v.length === c ? Float32Array.from(v) : new Float32Array(c).fill(v[0]);
}

interface BnFwdKernel {
  bnfwd: (x: number, out: number, tab: number, bytes: number, tabBytes: number) => void;
}

/** Whether the SIMD module (bnfwd.wat) takes this call: its memory imports, and whole vectors. */
export function batchNormSimd(backend: WasmBackendLike, size: number): BnFwdKernel | null {
  if (size % 4 !== 0) return null;
  const kernel = moduleOn<BnFwdKernel>(backend.wasm, BNFWD_WASM_BASE64);
  return typeof kernel === 'string' ? null : kernel;
}

export function batchNormKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const inputs = args.inputs as unknown as Inputs;
  const { varianceEpsilon } = args.attrs as unknown as { varianceEpsilon: number };
  const backend = args.backend as unknown as WasmBackendLike;
  const { x } = inputs;
  const c = x.shape[x.shape.length - 1];
  const mean = perChannel(backend, inputs.mean, c, 0);
  const variance = perChannel(backend, inputs.variance, c, 0);
  const offset = perChannel(backend, inputs.offset, c, 0);
  const scale = perChannel(backend, inputs.scale, c, 1);
  const eps = f(varianceEpsilon);
  const norm = new Float32Array(c);
  for (let ch = 0; ch < c; ch++) norm[ch] = f(Math.sqrt(f(variance[ch] + eps)));
  const size = tf.util.sizeFromShape(x.shape);
  const out = backend.makeOutput([...x.shape], 'float32');
  const xAt = backend.dataIdMap.get(x.dataId).memoryOffset;
  const outAt = backend.dataIdMap.get(out.dataId).memoryOffset;
  const simd = batchNormSimd(backend, size);
  if (simd) {
    // The table of one period of lcm(C, 4) floats (see bnfwd.wat).
    const period = c % 4 === 0 ? c : c % 2 === 0 ? 2 * c : 4 * c;
    const tabBytes = (period / 4) * 96;
    const base = backend.wasm._malloc(tabBytes + 16);
    if (!base) throw new Error(`own kernel: out of wasm memory (${tabBytes + 16} bytes)`);
    try {
      const tab = (base + 15) & ~15;
      const buffer = backend.wasm.HEAPU8.buffer;
      const f32 = new Float32Array(buffer, tab, tabBytes / 4);
      const f64 = new Float64Array(buffer, tab, tabBytes / 8);
      for (let v = 0; v < period / 4; v++)
        for (let j = 0; j < 4; j++) {
          const ch = (4 * v + j) % c;
          f32[v * 24 + j] = mean[ch];
          f32[v * 24 + 4 + j] = scale[ch];
          f64[v * 12 + 4 + j] = norm[ch];
          f64[v * 12 + 8 + j] = offset[ch];
        }
      simd.bnfwd(xAt, outAt, tab, size * 4, tabBytes);
    } finally {
      backend.wasm._free(base);
    }
    return out;
  }
  // Views after makeOutput: it may have grown (and so replaced) the memory's buffer.
  const buffer = backend.wasm.HEAPU8.buffer;
  const src = new Float32Array(buffer, xAt, size);
  const dst = new Float32Array(buffer, outAt, size);
  for (let at = 0; at < size; at += c)
    for (let ch = 0; ch < c; ch++) dst[at + ch] = offset[ch] + f(f(src[at + ch] - mean[ch]) * scale[ch]) / norm[ch];
  return out;
}
