/**
 * The batched backward pass's 2× spreads as one copy each: on wasm a tfjs
 * kernel written in TypeScript over the wasm heap, on WebGPU one WGSL program
 * (./wgsl/spread). Nearest-neighbour
 * upsampling (the transpose of a 2 × 2 sum pool), and the spread of a
 * stride-2 layer's output gradient onto the even (or odd) pixels of its input
 * grid with zeros elsewhere. tfjs's route (../measures/backward/layout: a
 * nearest-neighbour resize, times a 0/1 mask for the spread) runs wherever
 * this one does not: another backend, or kernels=tfjs. Exact either way: both
 * only copy values.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ownKernelBackend, ownKernelCalls } from './own-kernels';
import { wgslSpread2 } from './wgsl/spread';
import type { WebGpuBackendLike } from './wgsl/run';
import type { SpreadMode } from './layer-shapes';
import type { WasmBackendLike } from './wasm-module';

const KERNEL = 'TenasSpread2';

interface Attrs {
  mode: SpreadMode;
  h: number;
  w: number;
}

function spreadKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { g } = args.inputs as { g: tf.TensorInfo };
  const { mode, h, w } = args.attrs as unknown as Attrs;
  const backend = args.backend as unknown as WasmBackendLike;
  const [n, ho, wo, c] = g.shape;
  const out = backend.makeOutput([n, h, w, c], 'float32');
  // Views after makeOutput: it may have grown (and so replaced) the memory's buffer.
  const buffer = backend.wasm.HEAPU8.buffer;
  const src = new Float32Array(buffer, backend.dataIdMap.get(g.dataId).memoryOffset, n * ho * wo * c);
  const dst = new Float32Array(buffer, backend.dataIdMap.get(out.dataId).memoryOffset, n * h * w * c);
  const row = w * c;
  if (mode === 'nearest') {
    for (let img = 0; img < n; img++)
      for (let y = 0; y < ho; y++) {
        const to = (img * h + 2 * y) * row;
        let from = (img * ho + y) * wo * c;
        for (let x = 0; x < wo; x++, from += c) {
          const at = to + 2 * x * c;
          for (let ch = 0; ch < c; ch++) {
            const v = src[from + ch];
            dst[at + ch] = v;
            dst[at + c + ch] = v;
          }
        }
        dst.copyWithin(to + row, to, to + row);
      }
    return out;
  }
  dst.fill(0);
  const at0 = mode === 'odd' ? 1 : 0;
  const rows = Math.min(ho, Math.floor((h - at0 + 1) / 2));
  const cols = Math.min(wo, Math.floor((w - at0 + 1) / 2));
  for (let img = 0; img < n; img++)
    for (let y = 0; y < rows; y++) {
      let to = ((img * h + 2 * y + at0) * w + at0) * c;
      let from = (img * ho + y) * wo * c;
      for (let x = 0; x < cols; x++, from += c, to += 2 * c) for (let ch = 0; ch < c; ch++) dst[to + ch] = src[from + ch];
    }
  return out;
}

function spreadWgsl(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { mode, h, w } = args.attrs as unknown as Attrs;
  return wgslSpread2(args.backend as unknown as WebGpuBackendLike, (args.inputs as { g: tf.TensorInfo }).g, mode, h, w);
}

/**
 * g [n, ho, wo, c] onto an h × w grid (nearest: h = 2·ho, w = 2·wo) on the
 * own kernel, or null where it does not run (the caller takes tfjs's route).
 */
export function ownSpread2(g: tf.Tensor4D, mode: SpreadMode, h: number, w: number): tf.Tensor4D | null {
  const on = ownKernelBackend();
  if (on === null || g.dtype !== 'float32') return null;
  if (!tf.getKernel(KERNEL, on))
    tf.registerKernel({ kernelName: KERNEL, backendName: on, kernelFunc: on === 'wasm' ? spreadKernel : spreadWgsl });
  ownKernelCalls.own++;
  const attrs: Attrs = { mode, h, w };
  return tf.engine().runKernel(KERNEL, { g }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}
