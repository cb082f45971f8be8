/**
 * 3 × 3 pool backward (padding 1, stride 1 or 2) for K cotangents at once,
 * from forward ops only. A stride-2 pool is the stride-1 pool read at the even
 * pixels, so its backward spreads the gradient onto the even pixels and runs
 * the stride-1 backward.
 */
import * as tf from '@tensorflow/tfjs-core';
import { padSpatial, pool3Counts, sumPool3 } from '../../model/layers';
import { spread2 } from './layout';

/** 1 / (window count) of the average pool's output, broadcast over channels, [1, Ho·Wo·C]. */
export function avgPoolInv(h: number, w: number, c: number, stride: number): tf.Tensor2D {
  const counts = pool3Counts(h, w, c, stride);
  return tf.reshape(tf.div(1, counts), [1, counts.size]);
}

/** Average pool: the gradient divided by the window counts (`inv`, times `scale`), spread, then summed back over each window (the 3 × 3 sum is its own transpose). */
export function avgPoolInputGrad(g: tf.Tensor, inv: tf.Tensor2D, shape: readonly number[], stride: number, scale = 1): tf.Tensor4D {
  const [, h, w, c] = shape;
  const n = g.shape[0];
  const [ho, wo] = [Math.ceil(h / stride), Math.ceil(w / stride)];
  const r = tf.reshape(tf.mul(tf.reshape(g, [n, ho * wo * c]), scale === 1 ? inv : tf.mul(inv, scale)), [n, ho, wo, c]) as tf.Tensor4D;
  return sumPool3(stride === 1 ? r : spread2(r, h, w));
}

/**
 * Which of the 9 window positions wins each stride-1 max-pool window of x,
 * PyTorch's way (the first maximum in row-major window order; padding never
 * wins): [1, B·H·W·9C], channel (o, c) for window offset o = 3·dy + dx. The
 * windows come from one conv with a one-hot filter over x padded with the
 * lowest float (exact: 1·v plus zeros), the earlier maxima of each window
 * from one product with a strictly-lower-offset matrix.
 */
export function maxPoolSelection(x: tf.Tensor4D): tf.Tensor2D {
  const [b, h, w, c] = x.shape;
  const n = b * h * w;
  const m = tf.reshape(tf.maxPool(x, 3, 1, 'same'), [n, c]) as tf.Tensor2D;
  const eye = new Float32Array(9 * c * 9 * c);
  for (let i = 0; i < 9 * c; i++) eye[i * 9 * c + i] = 1;
  const windows = tf.conv2d(padSpatial(x, 1, -3.4028234663852886e38), tf.tensor4d(eye, [3, 3, c, 9 * c]), 1, 'valid');
  const eq = tf.cast(tf.equal(tf.reshape(windows, [n, 9 * c]), tf.matMul(m, nineCopies(c))), 'float32') as tf.Tensor2D;
  const before = new Float32Array(9 * c * 9 * c);
  for (let o = 0; o < 9; o++) for (let p = o + 1; p < 9; p++) for (let ch = 0; ch < c; ch++) before[(o * c + ch) * 9 * c + p * c + ch] = 1;
  const earlier = tf.matMul(eq, tf.tensor2d(before, [9 * c, 9 * c]));
  const sel = tf.mul(eq, tf.cast(tf.less(earlier, 0.5), 'float32'));
  return tf.reshape(sel, [1, n * 9 * c]);
}

/**
 * The depthwise filter that moves window offset o's gradient back to its
 * input pixel: [3, 3, 9C, 1], channel (o, c) one-hot on tap (2 − dy, 2 − dx)
 * for o = 3·dy + dx (the 9 offsets of a channel are then summed by one
 * product, {@link nineSum}).
 */
export function maxPoolScatter(c: number): tf.Tensor4D {
  const f = new Float32Array(9 * 9 * c);
  for (let dy = 0; dy < 3; dy++)
    for (let dx = 0; dx < 3; dx++) for (let ch = 0; ch < c; ch++) f[((2 - dy) * 3 + (2 - dx)) * 9 * c + (dy * 3 + dx) * c + ch] = 1;
  return tf.tensor4d(f, [3, 3, 9 * c, 1]);
}

/** [9C, C] with a 1 at (o·C + c, c): the sum over the 9 offsets of each channel. */
function nineSum(c: number): tf.Tensor2D {
  const e = new Float32Array(9 * c * c);
  for (let o = 0; o < 9; o++) for (let ch = 0; ch < c; ch++) e[(o * c + ch) * c + ch] = 1;
  return tf.tensor2d(e, [9 * c, c]);
}

/** [C, 9C] with a 1 at (c, o·C + c): a row of C values times it is those values repeated 9 times. */
function nineCopies(c: number): tf.Tensor2D {
  const e = new Float32Array(9 * c * c);
  for (let o = 0; o < 9; o++) for (let ch = 0; ch < c; ch++) e[ch * 9 * c + o * c + ch] = 1;
  return tf.tensor2d(e, [c, 9 * c]);
}

/**
 * Max pool: each output's gradient goes to its window's winner: copied to the
 * 9 offsets, masked by the selection (`sel` broadcast over the K copies), and
 * sent back by one depthwise conv with {@link maxPoolScatter} and a sum.
 */
export function maxPoolInputGrad(
  g: tf.Tensor4D,
  sel: tf.Tensor2D,
  scatter: tf.Tensor4D,
  shape: readonly number[],
  stride: number,
): tf.Tensor4D {
  const [b, h, w, c] = shape;
  const n = g.shape[0];
  const full = stride === 1 ? g : spread2(g, h, w);
  // Nine copies of each channel as one product (wasm's Tile is ~100× slower).
  const copies = tf.matMul(tf.reshape(full, [n * h * w, c]) as tf.Tensor2D, nineCopies(c));
  const masked = tf.mul(tf.reshape(copies, [n / b, b * h * w * 9 * c]), sel);
  // Each offset's gradient moved back by a one-hot depthwise conv, then the 9 offsets summed: a dense
  // [3, 3, 9C, C] conv does the same with 9C× the products, most of them by zero (1.4–1.8× slower on wasm).
  const moved = tf.depthwiseConv2d(tf.reshape(masked, [n, h, w, 9 * c]) as tf.Tensor4D, scatter, 1, 'same');
  return tf.reshape(tf.matMul(tf.reshape(moved, [n * h * w, 9 * c]), nineSum(c)), [n, h, w, c]);
}
