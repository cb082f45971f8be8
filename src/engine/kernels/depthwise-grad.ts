/**
 * The weight gradient of a depthwise conv for K stacked cotangents on the own
 * WebAssembly kernel (dwgrad.wat) or, on WebGPU, one WGSL program
 * (./wgsl/depthwise-grad), straight from the output gradient's NHWC
 * layout and the layer's input: dW [K, k·k·C] (tfjs layout [k, k, 1, C]).
 * The same quantity as ../measures/backward/depthwise (one-hot patches, then
 * one matrix product whose off-diagonal channel pairs are thrown away), which
 * runs wherever this one does not: another backend, kernels=tfjs, a channel
 * count that does not divide 4, a row of Wo·C floats that is not a multiple
 * of 16, or a memory the module cannot import.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DWGRAD_WASM_BASE64 } from './dwgrad-wasm';
import { type DepthwiseLayer, depthwiseOutSize } from './layer-shapes';
import { ownKernelBackend, ownKernelCalls } from './own-kernels';
import type { WebGpuBackendLike } from './wgsl/run';
import { wgslDepthwiseWeightGrad } from './wgsl/depthwise-grad';
import { moduleOn, type WasmBackendLike } from './wasm-module';

type DwGrad = (
  g: number,
  x: number,
  acc: number,
  taps: number,
  k: number,
  b: number,
  ho: number,
  rowBytes: number,
  ntaps: number,
  imgBytes: number,
  rowStep: number,
  spare: number,
) => void;

interface DwGradKernel {
  dwgrad: DwGrad;
}

const KERNEL = 'TenasDepthwiseWeightGrad';

/** Whether the own kernel covers a layer with this input shape [B, H, W, C] (not whether it can run here). */
export function dwGradShapeCovered(xShape: readonly number[], l: DepthwiseLayer): boolean {
  const [, h, w, c] = xShape;
  if (xShape.length !== 4 || 4 % c !== 0 || (l.stride !== 1 && l.stride !== 2)) return false;
  return depthwiseOutSize(h, l) > 0 && (depthwiseOutSize(w, l) * c) % 16 === 0;
}

/** Whether {@link ownDepthwiseWeightGrad} will answer for this layer here and now. */
export function ownDwGradRuns(xShape: readonly number[], l: DepthwiseLayer): boolean {
  const on = ownKernelBackend();
  // The WGSL program takes any shape; the WebAssembly one those of dwGradShapeCovered.
  if (on === 'webgpu') return xShape.length === 4 && depthwiseOutSize(xShape[1], l) > 0 && depthwiseOutSize(xShape[2], l) > 0;
  if (on !== 'wasm' || !dwGradShapeCovered(xShape, l)) return false;
  const kernel = moduleOn<DwGradKernel>((tf.backend() as unknown as WasmBackendLike).wasm, DWGRAD_WASM_BASE64);
  if (typeof kernel === 'string') ownKernelCalls.reason = kernel;
  return typeof kernel !== 'string';
}

interface Attrs extends DepthwiseLayer {
  kc: number;
  scale: number;
}

function dwGradKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { g, x } = args.inputs as { g: tf.TensorInfo; x: tf.TensorInfo };
  const a = args.attrs as unknown as Attrs;
  const backend = args.backend as unknown as WasmBackendLike;
  const heap = backend.wasm;
  const kernel = moduleOn<DwGradKernel>(heap, DWGRAD_WASM_BASE64) as DwGradKernel;
  const [b, h, w, c] = x.shape;
  const { k, dilation: d, stride: s, kc } = a;
  const p = (d * (k - 1)) / 2;
  const ho = depthwiseOutSize(h, a);
  const wo = depthwiseOutSize(w, a);
  // x padded by p, its columns split into s phases: buffer [B, s, H + 2p, ⌈(W + 2p)/s⌉, C].
  const hp = h + 2 * p;
  const wq = Math.ceil((w + 2 * p) / s);
  const rowFloats = wq * c;
  const imgFloats = s * hp * rowFloats;
  const ntaps = k * k;
  const xFloats = b * imgFloats;
  const bytes = xFloats * 4 + (kc + 1) * ntaps * 16 + ntaps * 4 + 32;
  const base = heap._malloc(bytes);
  if (!base) throw new Error(`own kernel: out of wasm memory (${bytes} bytes)`);
  const out = backend.makeOutput([kc, ntaps * c], 'float32');
  try {
    const xAt = (base + 15) & ~15;
    const accAt = xAt + xFloats * 4;
    const spareAt = accAt + kc * ntaps * 16;
    const tapsAt = spareAt + ntaps * 16;
    // Views after every malloc (makeOutput allocates too): one may have grown the memory's buffer.
    const buffer = heap.HEAPU8.buffer;
    const src = new Float32Array(buffer, backend.dataIdMap.get(x.dataId).memoryOffset, b * h * w * c);
    const xb = new Float32Array(buffer, xAt, xFloats);
    xb.fill(0);
    for (let n = 0; n < b; n++)
      for (let y = 0; y < h; y++)
        for (let col = 0; col < w; col++) {
          const cp = col + p;
          const to = n * imgFloats + ((cp % s) * hp + y + p) * rowFloats + Math.floor(cp / s) * c;
          const from = ((n * h + y) * w + col) * c;
          for (let ch = 0; ch < c; ch++) xb[to + ch] = src[from + ch];
        }
    new Float32Array(buffer, accAt, (kc + 1) * ntaps * 4).fill(0);
    const taps = new Int32Array(buffer, tapsAt, ntaps);
    for (let ky = 0; ky < k; ky++)
      for (let kx = 0; kx < k; kx++) {
        const dx = d * kx;
        taps[ky * k + kx] = ((dx % s) * hp * rowFloats + d * ky * rowFloats + Math.floor(dx / s) * c) * 4;
      }
    kernel.dwgrad(
      backend.dataIdMap.get(g.dataId).memoryOffset,
      xAt,
      accAt,
      tapsAt,
      kc,
      b,
      ho,
      wo * c * 4,
      ntaps,
      imgFloats * 4,
      s * rowFloats * 4,
      spareAt,
    );
    const acc = new Float32Array(heap.HEAPU8.buffer, accAt, kc * ntaps * 4);
    const dW = new Float32Array(heap.HEAPU8.buffer, backend.dataIdMap.get(out.dataId).memoryOffset, kc * ntaps * c);
    const sums = new Float64Array(c);
    for (let r = 0; r < kc; r++)
      for (let t = 0; t < ntaps; t++) {
        const at = (r * ntaps + t) * 4;
        sums.fill(0);
        for (let j = 0; j < 4; j++) sums[j % c] += acc[at + j];
        for (let ch = 0; ch < c; ch++) dW[(r * ntaps + t) * c + ch] = sums[ch] * a.scale;
      }
  } finally {
    heap._free(base);
  }
  return out;
}

function dwGradWgsl(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { g, x } = args.inputs as { g: tf.TensorInfo; x: tf.TensorInfo };
  const a = args.attrs as unknown as Attrs;
  return wgslDepthwiseWeightGrad(args.backend as unknown as WebGpuBackendLike, g, x, a.kc, a, a.scale);
}

/**
 * dW [kc, k·k·C] of a depthwise layer from its output gradient g ([kc·B, Ho,
 * Wo, C]) and input x ([B, H, W, C]), times `scale`, on the own kernel; null
 * where it does not run (the caller then takes the patches route).
 */
export function ownDepthwiseWeightGrad(g: tf.Tensor4D, x: tf.Tensor4D, kc: number, l: DepthwiseLayer, scale = 1): tf.Tensor2D | null {
  if (!ownDwGradRuns(x.shape, l) || g.dtype !== 'float32' || x.dtype !== 'float32') return null;
  const [b, h, w, c] = x.shape;
  if (g.shape[0] !== kc * b || g.shape[1] !== depthwiseOutSize(h, l) || g.shape[2] !== depthwiseOutSize(w, l) || g.shape[3] !== c)
    return null;
  const on = ownKernelBackend()!;
  if (!tf.getKernel(KERNEL, on))
    tf.registerKernel({ kernelName: KERNEL, backendName: on, kernelFunc: on === 'wasm' ? dwGradKernel : dwGradWgsl });
  ownKernelCalls.own++;
  const attrs: Attrs = { k: l.k, dilation: l.dilation, stride: l.stride, kc, scale };
  return tf.engine().runKernel(KERNEL, { g, x }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}
