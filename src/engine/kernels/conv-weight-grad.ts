/**
 * The weight gradient of a dense conv (k × k, stride s, padding (k − 1)/2)
 * for K stacked cotangents, straight from the output gradient's NHWC layout
 * and the layer's input: on WebGPU one WGSL program with the im2col fused
 * (./wgsl/conv-grad). Elsewhere (wasm, cpu, kernels=tfjs) null: the caller
 * takes the route of ../measures/backward/conv (im2col, channel-major
 * gradient, one matrix product), which prepareJacobian then prepares.
 */
import * as tf from '@tensorflow/tfjs-core';
import { depthwiseOutSize } from './layer-shapes';
import { ownKernelBackend, ownKernelCalls } from './own-kernels';
import { wgslConvWeightGrad } from './wgsl/conv-grad';
import type { WebGpuBackendLike } from './wgsl/run';

const KERNEL = 'TenasConvWeightGrad';

/** Whether {@link ownConvWeightGrad} answers here and now (so no im2col is needed). */
export function ownConvGradRuns(): boolean {
  return ownKernelBackend() === 'webgpu';
}

interface Attrs {
  kc: number;
  k: number;
  stride: number;
}

function convGradWgsl(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { g, x, scale } = args.inputs as { g: tf.TensorInfo; x: tf.TensorInfo; scale: tf.TensorInfo };
  const { kc, k, stride } = args.attrs as unknown as Attrs;
  return wgslConvWeightGrad(args.backend as unknown as WebGpuBackendLike, g, x, scale, kc, k, stride);
}

/**
 * dW [kc, k·k·Cin·Cout] (tfjs filter layout per cotangent) of a conv from its
 * output gradient g ([kc·B, Ho, Wo, Cout]) and input x ([B, H, W, Cin]),
 * times `scale` (a number or one per output channel); null where the own
 * kernel does not run.
 */
export function ownConvWeightGrad(
  g: tf.Tensor4D,
  x: tf.Tensor4D,
  kc: number,
  k: number,
  stride: number,
  scale: tf.Tensor | number = 1,
): tf.Tensor2D | null {
  if (!ownConvGradRuns() || g.dtype !== 'float32' || x.dtype !== 'float32' || k % 2 !== 1) return null;
  const [b, h, w] = x.shape;
  // A dense conv with padding (k − 1)/2 has the output size of a depthwise one of dilation 1.
  const out = (n: number) => depthwiseOutSize(n, { k, dilation: 1, stride });
  if (g.shape[0] !== kc * b || g.shape[1] !== out(h) || g.shape[2] !== out(w)) return null;
  const cout = g.shape[3];
  if (!tf.getKernel(KERNEL, 'webgpu')) tf.registerKernel({ kernelName: KERNEL, backendName: 'webgpu', kernelFunc: convGradWgsl });
  ownKernelCalls.own++;
  return tf.tidy(() => {
    const s = typeof scale === 'number' ? tf.fill([cout], scale) : tf.reshape(scale, [cout]);
    const attrs: Attrs = { kc, k, stride };
    return tf.engine().runKernel(KERNEL, { g, x, scale: s }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
  });
}
