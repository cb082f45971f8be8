/**
 * The kernel choice of the tfjs wasm backend: tfjs's own kernels (XNNPACK), or
 * the project's own for the convolutions XNNPACK does badly (rowconv.wat:
 * stride-1, size-keeping depthwise convs and dense convs with as many input as
 * output channels, on rows of W·C floats, a multiple of 16). `own` overrides
 * the wasm backend's DepthwiseConv2dNative and Conv2D kernels; a call the own
 * kernel does not cover goes to tfjs's kernel, so `own` never changes what runs
 * elsewhere. It also overrides FusedBatchNorm with a faster kernel giving
 * tfjs's results bit for bit (./batch-norm). The same choice turns on the own BatchNorm backward kernel
 * (./bn-backward), which the Jacobian code asks for directly. The choice is
 * global to this tfjs instance (each worker and row helper sets its own).
 */
import * as tf from '@tensorflow/tfjs-core';
import { batchNormCovered, batchNormKernel } from './batch-norm';
import { planRowConv, type RowConvShape } from './rowconv-plan';
import { rowConvKernel, runRowConv } from './rowconv';
import type { WasmBackendLike } from './wasm-module';

export type KernelChoice = 'tfjs' | 'own';
export const KERNEL_CHOICES: readonly KernelChoice[] = ['tfjs', 'own'];

const NAMES = ['DepthwiseConv2dNative', 'Conv2D', 'FusedBatchNorm'] as const;
type Name = (typeof NAMES)[number];

let choice: KernelChoice = 'tfjs';
const originals = new Map<Name, tf.KernelConfig>();
/** Calls the own kernel answered, and those it passed to tfjs, since the last reset (benchmarks, tests). */
export const ownKernelCalls = { own: 0, tfjs: 0, reason: '' };

export function kernelChoice(): KernelChoice {
  return choice;
}

/**
 * Where the own kernels that the backward pass asks for directly (BatchNorm's
 * backward, the 2× spreads, the depthwise weight gradient) run now: on wasm
 * as WebAssembly, on WebGPU as WGSL programs (./wgsl); null on another
 * backend or with kernels=tfjs.
 */
export function ownKernelBackend(): 'wasm' | 'webgpu' | null {
  if (choice !== 'own') return null;
  const b = tf.getBackend();
  return b === 'wasm' || b === 'webgpu' ? b : null;
}

/**
 * Sets the kernel choice and says what runs on the current backend: the own
 * kernels, or tfjs's and why (asked for, or the own WebAssembly kernels
 * cannot use this backend's memory: the threaded build's is shared).
 */
export function setKernels(next: KernelChoice): string {
  selectKernels(next);
  if (next === 'tfjs') return "tfjs's kernels, as chosen";
  // Only the running backend is asked: tf.findBackend would start (and so misconfigure) one that is not.
  if (tf.getBackend() === 'webgpu')
    return "own WGSL programs for BatchNorm's backward, the 2× spreads and the weight gradients (depthwise, and dense with the im2col fused); tfjs's programs for the rest";
  if (tf.getBackend() !== 'wasm') return 'own kernels, whenever WebAssembly or WebGPU runs';
  const kernel = rowConvKernel((tf.backend() as unknown as WasmBackendLike).wasm);
  return typeof kernel === 'string'
    ? `tfjs's convolution kernels: the own ones cannot run here (${kernel})`
    : 'own kernels (WebAssembly SIMD, vectorised over positions) for the depthwise and tiny dense convs, BatchNorm and the depthwise weight gradient; XNNPACK for the rest';
}

/** Sets the kernels of the wasm backend ('own' needs tfjs-backend-wasm's kernels registered). */
export function selectKernels(next: KernelChoice): void {
  if (!KERNEL_CHOICES.includes(next)) throw new Error(`kernels must be one of ${KERNEL_CHOICES.join(', ')} (got "${String(next)}")`);
  if (next === choice) return;
  for (const name of NAMES) {
    if (!originals.has(name)) {
      const k = tf.getKernel(name, 'wasm');
      if (!k) throw new Error(`the wasm backend has no ${name} kernel to replace`);
      originals.set(name, k);
    }
    const original = originals.get(name)!;
    tf.unregisterKernel(name, 'wasm');
    // The original's setup (binding its wasm function when a wasm backend starts) stays: the fallback calls it.
    tf.registerKernel(next === 'own' ? { ...original, kernelFunc: (a) => ownKernel(name, a) } : original);
  }
  choice = next;
}

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: string;
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function ownKernel(name: Name, args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  if (name !== 'FusedBatchNorm') return ownConv(name, args);
  // Bit for bit tfjs's (./batch-norm), so not counted as an own kernel call.
  const covered = batchNormCovered(args.inputs as unknown as Parameters<typeof batchNormCovered>[0]);
  return covered ? batchNormKernel(args) : originals.get(name)!.kernelFunc(args);
}

function ownConv(name: Exclude<Name, 'FusedBatchNorm'>, args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
  const a = args.attrs as unknown as ConvAttrs;
  const depthwise = name === 'DepthwiseConv2dNative';
  const backend = args.backend as unknown as WasmBackendLike;
  const shape = ownShape(x, filter, a, depthwise);
  const kernel = shape ? rowConvKernel(backend.wasm) : null;
  if (!shape || typeof kernel !== 'object' || kernel === null) {
    ownKernelCalls.tfjs++;
    if (typeof kernel === 'string') ownKernelCalls.reason = kernel;
    return originals.get(name)!.kernelFunc(args);
  }
  ownKernelCalls.own++;
  const plan = planRowConv(backend.readSync(filter.dataId) as Float32Array, shape);
  const out = backend.makeOutput([...x.shape], 'float32');
  runRowConv(
    kernel,
    backend.wasm,
    plan,
    x.shape[0],
    backend.dataIdMap.get(x.dataId).memoryOffset,
    backend.dataIdMap.get(out.dataId).memoryOffset,
  );
  return out;
}

/** The row-conv shape of this call, or null when the own kernel does not cover it. */
function ownShape(x: tf.TensorInfo, filter: tf.TensorInfo, a: ConvAttrs, depthwise: boolean): RowConvShape | null {
  if (x.dtype !== 'float32' || filter.dtype !== 'float32' || x.shape.length !== 4) return null;
  if (a.dataFormat !== undefined && a.dataFormat !== 'NHWC') return null;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    a.strides,
    a.dilations ?? 1,
    a.pad,
    a.dimRoundingMode,
    depthwise,
  );
  const c = info.inChannels;
  if (info.strideHeight !== 1 || info.strideWidth !== 1) return null;
  if (info.outHeight !== info.inHeight || info.outWidth !== info.inWidth || info.outChannels !== c) return null;
  if ((info.inWidth * c) % 16 !== 0) return null;
  // Dense convs: where the own kernel beats XNNPACK (bench/kernels.ts): up to
  // 3 channels (3 × 3, 3 → 3: 14 against 11 GFLOP/s), or 1 × 1 up to 4;
  // XNNPACK wins from 6 channels (24 GFLOP/s) and ties at 4.
  const k = info.filterHeight * info.filterWidth;
  if (!depthwise && !(c <= 3 || (k === 1 && c <= 4))) return null;
  return {
    h: info.inHeight,
    w: info.inWidth,
    c,
    kh: info.filterHeight,
    kw: info.filterWidth,
    dilationH: info.dilationHeight,
    dilationW: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    dense: !depthwise,
  };
}
