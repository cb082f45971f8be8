/**
 * Layouts of the batched backward pass: a gradient holds K stacked copies of
 * the batch, [K·B, H, W, C] (NHWC), or channel-major [K·C, M] with M = B·H·W
 * (the layout of BatchNorm's per-channel reductions and of weight gradients).
 */
import * as tf from '@tensorflow/tfjs-core';
import { ownSpread2 } from '../../kernels/spread';

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

/** Nearest-neighbour 2× upsampling (the transpose of a 2 × 2 sum pool); one copy on the own kernels (kernels/spread). */
export function upsample2(g: tf.Tensor4D): tf.Tensor4D {
  const [, h, w] = g.shape;
  return ownSpread2(g, 'nearest', 2 * h, 2 * w) ?? tf.image.resizeNearestNeighbor(g, [2 * h, 2 * w]);
}

/**
 * g [n, ho, wo, c] spread onto an h × w grid at the even rows and columns
 * (odd = false) or the odd ones, zeros elsewhere: the transpose of taking
 * every second pixel (a stride-2 layer's output positions). Nearest-neighbour
 * upsampling times a 0/1 parity mask (wasm's pad is twice as slow), or one
 * copy on the own kernels (kernels/spread).
 */
export function spread2(g: tf.Tensor4D, h: number, w: number, odd = false): tf.Tensor4D {
  return ownSpread2(g, odd ? 'odd' : 'even', h, w) ?? spread2Tfjs(g, h, w, odd);
}

/** {@link spread2} by tfjs ops only (the route where no own kernel runs). */
export function spread2Tfjs(g: tf.Tensor4D, h: number, w: number, odd = false): tf.Tensor4D {
  const [n, ho, wo, c] = g.shape;
  const at = odd ? 1 : 0;
  const mask = new Float32Array(4 * ho * wo * c);
  for (let y = at; y < 2 * ho; y += 2) for (let x = at; x < 2 * wo; x += 2) mask.fill(1, (y * 2 * wo + x) * c, (y * 2 * wo + x + 1) * c);
  const up = tf.reshape(tf.image.resizeNearestNeighbor(g, [2 * ho, 2 * wo]), [n, mask.length]);
  const d = tf.reshape(tf.mul(up, tf.tensor2d(mask, [1, mask.length])), [n, 2 * ho, 2 * wo, c]) as tf.Tensor4D;
  return 2 * ho === h && 2 * wo === w ? d : tf.slice(d, [0, 0, 0, 0], [n, h, w, c]);
}

/**
 * The gradients of a channel concatenation's inputs (with `channels` each)
 * from the gradient of its output: one transpose to [C, N], then whole rows.
 */
export function splitChannels(g: tf.Tensor, channels: readonly number[]): tf.Tensor4D[] {
  const [n0, h, w, c] = g.shape;
  const n = n0 * h * w;
  const t = tf.transpose(tf.reshape(g, [n, c]));
  let at = 0;
  return channels.map((ci) => {
    const rows = tf.slice(t, [at, 0], [ci, n]);
    at += ci;
    return tf.reshape(ci === 1 ? rows : tf.transpose(rows), [n0, h, w, ci]);
  });
}

/** A second handle on the same data (no copy, unlike tf.clone on wasm). */
export function share(t: tf.Tensor): tf.Tensor {
  return tf.reshape(t, t.shape);
}
