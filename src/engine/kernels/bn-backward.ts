/**
 * BatchNorm's backward pass for K stacked cotangents on the own WebAssembly
 * kernel (bnback.wat) or, on WebGPU, WGSL programs (./wgsl/bn-backward), in the gradients' NHWC layout: for g ([K·B, H, W, C])
 * and the normalised input x̂ ([B, H, W, C]), u = g − mean(g) − x̂·mean(g·x̂)
 * per cotangent and channel (so ∂/∂x = u·γ/σ), NHWC, and Σ g·x̂ ([K, C],
 * ∂/∂γ). The same quantities as ../measures/backward/bn (tfjs ops,
 * channel-major), which runs wherever this one does not: another backend,
 * kernels=tfjs, a channel count without a period (see bnback.wat), or a
 * memory the module cannot import.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BNBACK_WASM_BASE64 } from './bnback-wasm';
import { ownKernelBackend, ownKernelCalls } from './own-kernels';
import { wgslBnBackward } from './wgsl/bn-backward';
import type { WebGpuBackendLike } from './wgsl/run';
import { moduleOn, type WasmBackendLike } from './wasm-module';

type Sums = (g: number, xh: number, acc: number, k: number, blockBytes: number) => void;
type U = (g: number, xh: number, u: number, coef: number, k: number, blockBytes: number) => void;

interface BnBackKernel {
  bnsums16: Sums;
  bnu16: U;
  bnsums24: Sums;
  bnu24: U;
}

const KERNEL = 'TenasBnBackward';

/** The lane period for C channels in blocks of L floats: 16 or 24 (a multiple of 4 and of C dividing L), or 0. */
export function bnPeriod(c: number, l: number): 0 | 16 | 24 {
  if (16 % c === 0 && l % 16 === 0) return 16;
  if (24 % c === 0 && l % 24 === 0) return 24;
  return 0;
}

function bnBackwardKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo[] {
  const { g, xhat } = args.inputs as { g: tf.TensorInfo; xhat: tf.TensorInfo };
  const { kc } = args.attrs as unknown as { kc: number };
  const backend = args.backend as unknown as WasmBackendLike;
  const heap = backend.wasm;
  const kernel = moduleOn<BnBackKernel>(heap, BNBACK_WASM_BASE64) as BnBackKernel;
  const c = xhat.shape[3];
  const l = tf.util.sizeFromShape(xhat.shape);
  const m = l / c;
  const q = bnPeriod(c, l);
  const u = backend.makeOutput([...g.shape], 'float32');
  const gamma = backend.makeOutput([kc, c], 'float32');
  const tableFloats = kc * 2 * q;
  const base = heap._malloc(2 * tableFloats * 4 + 16);
  if (!base) throw new Error(`own kernel: out of wasm memory (${2 * tableFloats * 4 + 16} bytes)`);
  try {
    const acc = (base + 15) & ~15;
    const coef = acc + tableFloats * 4;
    const gAt = backend.dataIdMap.get(g.dataId).memoryOffset;
    const xAt = backend.dataIdMap.get(xhat.dataId).memoryOffset;
    (q === 16 ? kernel.bnsums16 : kernel.bnsums24)(gAt, xAt, acc, kc, l * 4);
    // Views after every malloc: one may have grown (and so replaced) the memory's buffer.
    const buffer = heap.HEAPU8.buffer;
    const sums = new Float32Array(buffer, acc, tableFloats);
    const coefs = new Float32Array(buffer, coef, tableFloats);
    const dGamma = new Float32Array(buffer, backend.dataIdMap.get(gamma.dataId).memoryOffset, kc * c);
    const sg = new Float64Array(c);
    const sx = new Float64Array(c);
    for (let k = 0; k < kc; k++) {
      const at = k * 2 * q;
      sg.fill(0);
      sx.fill(0);
      for (let j = 0; j < q; j++) {
        sg[j % c] += sums[at + j];
        sx[j % c] += sums[at + q + j];
      }
      for (let ch = 0; ch < c; ch++) dGamma[k * c + ch] = sx[ch];
      for (let j = 0; j < q; j++) {
        coefs[at + j] = sg[j % c] / m;
        coefs[at + q + j] = sx[j % c] / m;
      }
    }
    (q === 16 ? kernel.bnu16 : kernel.bnu24)(gAt, xAt, backend.dataIdMap.get(u.dataId).memoryOffset, coef, kc, l * 4);
  } finally {
    heap._free(base);
  }
  return [u, gamma];
}

/**
 * [u (NHWC, shaped like g), Σ g·x̂ ([kc, C])] on the own kernel, or null where
 * it does not run (the caller then takes the tfjs route).
 */
export function ownBnBackward(g: tf.Tensor, xhat: tf.Tensor4D, kc: number): [tf.Tensor4D, tf.Tensor2D] | null {
  const on = ownKernelBackend();
  if (on === null || g.dtype !== 'float32' || xhat.dtype !== 'float32' || g.size !== kc * xhat.size) return null;
  if (on === 'webgpu') return runBnBackward('webgpu', g, xhat, kc);
  if (bnPeriod(xhat.shape[3], xhat.size) === 0) return null;
  const kernel = moduleOn<BnBackKernel>((tf.backend() as unknown as WasmBackendLike).wasm, BNBACK_WASM_BASE64);
  if (typeof kernel === 'string') {
    ownKernelCalls.reason = kernel;
    return null;
  }
  return runBnBackward('wasm', g, xhat, kc);
}

function bnBackwardWgsl(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo[] {
  const { g, xhat } = args.inputs as { g: tf.TensorInfo; xhat: tf.TensorInfo };
  const { kc } = args.attrs as unknown as { kc: number };
  return wgslBnBackward(args.backend as unknown as WebGpuBackendLike, g, xhat, kc);
}

function runBnBackward(on: 'wasm' | 'webgpu', g: tf.Tensor, xhat: tf.Tensor4D, kc: number): [tf.Tensor4D, tf.Tensor2D] {
  if (!tf.getKernel(KERNEL, on))
    tf.registerKernel({ kernelName: KERNEL, backendName: on, kernelFunc: on === 'wasm' ? bnBackwardKernel : bnBackwardWgsl });
  ownKernelCalls.own++;
  const [u, gamma] = tf.engine().runKernel(KERNEL, { g, xhat }, { kc }) as unknown as [tf.Tensor, tf.Tensor];
  return [u as tf.Tensor4D, gamma as tf.Tensor2D];
}
