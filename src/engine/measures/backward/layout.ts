/**
 * Layouts of the batched backward pass: a gradient holds K stacked copies of
 * the batch, [K·B, H, W, C] (NHWC), or channel-major [K·C, M] with M = B·H·W
 * (the layout of BatchNorm's per-channel reductions and of weight gradients).
 */
import * as tf from '@tensorflow/tfjs-core';

/** [K, M, C] (as [K·B, H, W, C]) → channel-major [K·C, M]. */
export function toChannelMajor(t: tf.Tensor, kc: number, c: number): tf.Tensor2D {
  const m = t.size / (kc * c);
  if (c === 1) return tf.reshape(t, [kc, m]);
  return tf.reshape(tf.transpose(tf.reshape(t, [kc, m, c]), [0, 2, 1]), [kc * c, m]);
}

/** Channel-major [K·C, M] → [K·B, H, W, C]. */
export function fromChannelMajor(t: tf.Tensor2D, kc: number, shape: number[]): tf.Tensor4D {
  const [b, h, w, c] = shape;
  if (c === 1) return tf.reshape(t, [kc * b, h, w, 1]);
  return tf.reshape(tf.transpose(tf.reshape(t, [kc, c, b * h * w]), [0, 2, 1]), [kc * b, h, w, c]);
}

/** Nearest-neighbour 2× upsampling (the transpose of a 2 × 2 sum pool). */
export function upsample2(g: tf.Tensor4D): tf.Tensor4D {
  const [, h, w] = g.shape;
  return tf.image.resizeNearestNeighbor(g, [2 * h, 2 * w]);
}

/**
 * g [n, ho, wo, c] spread onto an h × w grid at the even rows and columns
 * (odd = false) or the odd ones, zeros elsewhere: the transpose of taking
 * every second pixel (a stride-2 layer's output positions).
 */
export function spread2(g: tf.Tensor4D, h: number, w: number, odd = false): tf.Tensor4D {
  const [n, ho, wo, c] = g.shape;
  const at: [number, number] = odd ? [1, 0] : [0, 1];
  const d = tf.reshape(tf.pad(tf.reshape(g, [n, ho, 1, wo, 1, c]), [[0, 0], [0, 0], at, [0, 0], at, [0, 0]]), [
    n,
    2 * ho,
    2 * wo,
    c,
  ]) as tf.Tensor4D;
  return 2 * ho === h && 2 * wo === w ? d : tf.slice(d, [0, 0, 0, 0], [n, h, w, c]);
}

/** A second handle on the same data (no copy, unlike tf.clone on wasm). */
export function share(t: tf.Tensor): tf.Tensor {
  return tf.reshape(t, t.shape);
}
