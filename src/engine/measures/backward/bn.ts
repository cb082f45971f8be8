/** BatchNorm (training mode, batch statistics) backward for K cotangents at once. */
import * as tf from '@tensorflow/tfjs-core';
import { ownBnBackward } from '../../kernels/bn-backward';
import { fromChannelMajor, toChannelMajor } from './layout';

/**
 * BatchNorm backward in channel-major layout, without γ/σ: for g = ∂/∂y
 * ([K·C, M]), returns u = g − mean(g) − x̂·mean(g·x̂) (so ∂/∂x = u·γ/σ per
 * channel) and ∂/∂γ = Σ g·x̂, [K, C]. Both per-channel means come from one
 * product with [1 | x̂] (`sum`, [M, 1 + C]) and the correction from one
 * product with its transpose (`expand`).
 */
export function bnBackward(gT: tf.Tensor2D, sum: tf.Tensor2D, expand: tf.Tensor2D, kc: number, c: number): [tf.Tensor2D, tf.Tensor2D] {
  const m = sum.shape[0];
  // s[(k, c), 0] = Σ g, s[(k, c), 1 + c'] = Σ g·x̂[:, c'] (only c' = c is wanted).
  const s = tf.reshape(tf.matMul(gT, sum), [kc, c * (1 + c)]);
  const keepMean = new Float32Array(c * (1 + c));
  const keepDiag = new Float32Array(c * (1 + c));
  for (let i = 0; i < c; i++) {
    keepMean[i * (1 + c)] = 1 / m;
    keepMean[i * (1 + c) + 1 + i] = 1 / m;
    keepDiag[i * (1 + c) + 1 + i] = 1;
  }
  const dGamma = tf.sum(tf.reshape(tf.mul(s, tf.tensor2d(keepDiag, [1, c * (1 + c)])), [kc, c, 1 + c]), 2) as tf.Tensor2D;
  const coef = tf.reshape(tf.mul(s, tf.tensor2d(keepMean, [1, c * (1 + c)])), [kc * c, 1 + c]);
  const u = tf.sub(gT, tf.matMul(coef, expand)) as tf.Tensor2D;
  return [u, dGamma];
}

/**
 * [1 | x̂] as [1 + C, M] (the expansion operand of {@link bnBackward}; its
 * transpose is the sum operand): rows stacked along the first axis, whole
 * blocks (a concat along the channel axis is ~10× slower on wasm).
 */
export function bnExpandOperand(xhat: tf.Tensor4D): tf.Tensor2D {
  const c = xhat.shape[3];
  const m = xhat.size / c;
  const rows = c === 1 ? tf.reshape(xhat, [1, m]) : tf.transpose(tf.reshape(xhat, [m, c]));
  return tf.concat([tf.ones([1, m]), rows], 0) as tf.Tensor2D;
}

/** BatchNorm's backward for K cotangents (without γ/σ) in the layouts its consumers take. */
export interface BnGrads {
  /** Σ g·x̂ per cotangent and channel, [K, C] (∂/∂γ). */
  sumGx: tf.Tensor2D;
  /** u channel-major, [K·C, M] (a conv weight gradient's operand). */
  channelMajor(): tf.Tensor2D;
  /** u as [K·B, H, W, C] (the input gradient). */
  nhwc(): tf.Tensor4D;
}

/**
 * BatchNorm's backward for g ([K·B, H, W, C]): on the own WebAssembly kernel
 * in the NHWC layout where it runs (../../kernels/bn-backward), else by
 * {@link bnBackward} channel-major; each layout is made only when asked for.
 * Call inside tf.tidy.
 */
export function bnGrads(g: tf.Tensor, xhat: tf.Tensor4D, sum: tf.Tensor2D, expand: tf.Tensor2D, kc: number): BnGrads {
  const shape = xhat.shape;
  const c = shape[3];
  const own = ownBnBackward(g, xhat, kc);
  if (own) {
    const [u, sumGx] = own;
    return { sumGx, channelMajor: () => toChannelMajor(u, kc, c), nhwc: () => u };
  }
  const [u, sumGx] = bnBackward(toChannelMajor(g, kc, c), sum, expand, kc, c);
  return { sumGx, channelMajor: () => u, nhwc: () => fromChannelMajor(u, kc, shape) };
}
