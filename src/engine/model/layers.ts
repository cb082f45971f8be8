/**
 * The layers of the forward pass as tfjs ops, NHWC, with PyTorch's padding:
 * symmetric, applied explicitly wherever tfjs 'same' would differ (a stride-2
 * conv with padding 1 pads both sides in PyTorch; 'same' pads only the end).
 *
 * `differentiable` variants use only ops whose tfjs gradients exist on the
 * backend in use (the naive reference Jacobian runs tfjs autodiff): strided
 * slicing becomes reshape + slice, dilated depthwise filters become
 * zero-stuffed dense ones. Same values up to float rounding.
 */
import * as tf from '@tensorflow/tfjs-core';

export function padSpatial(x: tf.Tensor4D, p: number, value = 0): tf.Tensor4D {
  return p === 0
    ? x
    : tf.pad(
        x,
        [
          [0, 0],
          [p, p],
          [p, p],
          [0, 0],
        ],
        value,
      );
}

/** Rows and columns 0, 2, 4, … (⌈h/2⌉ × ⌈w/2⌉). */
export function subsample2(x: tf.Tensor4D, differentiable = false): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const ho = Math.ceil(h / 2);
  const wo = Math.ceil(w / 2);
  // A 1 × 1 max pool at stride 2 reads exactly these pixels (wasm's strided slice is ~30× slower).
  if (!differentiable) return tf.maxPool(x, 1, 2, 'valid');
  // reshape + slice (both have gradients; stridedSlice has none).
  const padded = tf.pad(x, [
    [0, 0],
    [0, 2 * ho - h],
    [0, 2 * wo - w],
    [0, 0],
  ]);
  const grid = tf.reshape(padded, [n, ho, 2, wo, 2, c]);
  return tf.reshape(tf.slice(grid, [0, 0, 0, 0, 0, 0], [n, ho, 1, wo, 1, c]), [n, ho, wo, c]) as tf.Tensor4D;
}

export function conv(x: tf.Tensor4D, w: tf.Tensor4D, k: number, stride: number, subsample = false): tf.Tensor4D {
  // At stride 1 an odd kernel's 'same' padding is PyTorch's symmetric padding
  // (and avoids an explicit pad, slow on wasm); at stride 2 it is not.
  if (stride === 1) return tf.conv2d(x, w, 1, 'same');
  const p = k === 3 ? 1 : 0;
  // The kernel's own symmetric padding (an explicit pad is slow on wasm: ~1 ms for a [1000, 3, 3, 2] tensor).
  if (!subsample) return tf.conv2d(x, w, stride, p);
  return subsample2(tf.conv2d(padSpatial(x, p), w, 1, 'valid'), true);
}

/** A tfjs depthwise filter [k, k, C, 1] from the uploaded PyTorch weight [C, 1, k, k] (tfjs layout [k, k, 1, C], the same memory order). */
export function depthwiseFilter(w: tf.Tensor): tf.Tensor4D {
  const [k, , , c] = w.shape;
  return tf.reshape(w, [k, k, c, 1]);
}

/** A filter with dilation 2 as a dense one with zeros between the taps ([2k − 1, 2k − 1, C, m]), for autodiff (tfjs has no dilated depthwise gradient). */
function stuffed(f: tf.Tensor4D): tf.Tensor4D {
  const [k, , c, m] = f.shape;
  const spread = tf.pad(tf.reshape(f, [k, 1, k, 1, c, m]), [
    [0, 0],
    [0, 1],
    [0, 0],
    [0, 1],
    [0, 0],
    [0, 0],
  ]);
  return tf.slice(tf.reshape(spread, [2 * k, 2 * k, c, m]) as tf.Tensor4D, [0, 0, 0, 0], [2 * k - 1, 2 * k - 1, c, m]);
}

/**
 * Depthwise conv with PyTorch's padding dilation·(k − 1)/2 on both sides.
 * `f` is [k, k, C, m] (m = 1 for the layer; the one-hot patch filters of the
 * backward use m = k·k). Stride 2 with dilation 2 reads only the even rows
 * and columns of the padded input, so it is a stride-1 conv on those.
 */
export function depthwise(x: tf.Tensor4D, f: tf.Tensor4D, dilation: number, stride: number, differentiable = false): tf.Tensor4D {
  const k = f.shape[0];
  const p = (dilation * (k - 1)) / 2;
  const dense = differentiable && dilation > 1 ? stuffed(f) : f;
  const d = dense === f ? dilation : 1;
  if (stride === 1) return tf.depthwiseConv2d(x, dense, 1, 'same', 'NHWC', d);
  if (!differentiable) {
    // The kernel's own symmetric padding, no explicit pad (slow on wasm). With
    // dilation 2 the padding p = k − 1 is even, and the even rows and columns
    // of x padded by p are those of x padded by p / 2.
    if (dilation === 2) return tf.depthwiseConv2d(subsample2(x), f, 1, p / 2);
    return tf.depthwiseConv2d(x, f, stride, p);
  }
  const xp = padSpatial(x, p);
  if (dilation === 2) return tf.depthwiseConv2d(subsample2(xp, true), f, 1, 'valid');
  return subsample2(tf.depthwiseConv2d(xp, f, 1, 'valid'), true);
}

/**
 * Sum over the 3 × 3 window with zero padding, as a depthwise convolution with
 * a filter of ones (one fast kernel on every backend; slicing nine shifted
 * windows is ~20× slower on wasm).
 */
export function sumPool3(x: tf.Tensor4D): tf.Tensor4D {
  const c = x.shape[3];
  return tf.depthwiseConv2d(x, tf.ones([3, 3, c, 1]) as tf.Tensor4D, 1, 'same');
}

/** The 3 × 3 window sum as nine shifted slices (differentiable on every backend; slow on wasm). */
export function sumPool3Slices(x: tf.Tensor4D): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const xp = padSpatial(x, 1);
  let s: tf.Tensor4D | null = null;
  for (let dy = 0; dy < 3; dy++) {
    for (let dx = 0; dx < 3; dx++) {
      const v = tf.slice(xp, [0, dy, dx, 0], [n, h, w, c]) as tf.Tensor4D;
      s = s === null ? v : (tf.add(s, v) as tf.Tensor4D);
    }
  }
  return s as tf.Tensor4D;
}

/**
 * How many real (non-padding) pixels each 3 × 3 window covers: [1, ho, wo, c]
 * (repeated over the channels: a leading-axis broadcast is a fast path on
 * wasm, a broadcast over the channel axis is not). At stride 2 the windows are
 * centred on the even rows and columns.
 */
export function pool3Counts(h: number, w: number, channels = 1, stride = 1): tf.Tensor4D {
  const ho = Math.ceil(h / stride);
  const wo = Math.ceil(w / stride);
  const c = new Float32Array(ho * wo * channels);
  for (let i = 0; i < ho; i++) {
    const y = i * stride;
    const ny = Math.min(y + 1, h - 1) - Math.max(y - 1, 0) + 1;
    for (let j = 0; j < wo; j++) {
      const x = j * stride;
      const nx = Math.min(x + 1, w - 1) - Math.max(x - 1, 0) + 1;
      c.fill(ny * nx, (i * wo + j) * channels, (i * wo + j + 1) * channels);
    }
  }
  return tf.tensor4d(c, [1, ho, wo, channels]);
}

/** 3 × 3 average pool, padding 1 not counted, stride 1 or 2 (the stride-1 sums at the even positions). */
export function avgPool3(x: tf.Tensor4D, stride: number, differentiable = false): tf.Tensor4D {
  const [, h, w, c] = x.shape;
  const sum = differentiable ? sumPool3Slices(x) : sumPool3(x);
  return tf.div(stride === 1 ? sum : subsample2(sum, differentiable), pool3Counts(h, w, c, stride));
}

/** 3 × 3 max pool, padding 1 never winning, stride 1 or 2 (the stride-1 maxima at the even positions). */
export function maxPool3(x: tf.Tensor4D, stride: number, differentiable = false): tf.Tensor4D {
  const m = tf.maxPool(x, 3, 1, 'same');
  return stride === 1 ? m : subsample2(m, differentiable);
}

/**
 * x[:, 1:, 1:] with a zero row appended at the bottom and a zero column at the
 * right (FactorizedReduce): a depthwise 3 × 3 conv whose filter is one-hot on
 * the bottom-right tap (exact: 1·v plus zeros; wasm's strided slice and pad
 * are far slower). `differentiable`: slice and pad.
 */
export function shiftUpLeft(x: tf.Tensor4D, differentiable = false): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  if (differentiable)
    return tf.pad(tf.slice(x, [0, 1, 1, 0], [n, h - 1, w - 1, c]), [
      [0, 0],
      [0, 1],
      [0, 1],
      [0, 0],
    ]);
  const f = new Float32Array(9 * c);
  f.fill(1, 8 * c, 9 * c);
  return tf.depthwiseConv2d(x, tf.tensor4d(f, [3, 3, c, 1]), 1, 'same');
}

/**
 * Per-channel mean over batch and space, [C]. `blocked`: summed in two levels,
 * blocks of about √M values then the blocks (float32 error ~√M times smaller
 * than a sequential sum's, which is what wasm's reductions do).
 */
export function channelMean(x: tf.Tensor4D, blocked = false): tf.Tensor1D {
  if (!blocked) return tf.mean(x, [0, 1, 2]);
  const c = x.shape[3];
  const m = x.size / c;
  let block = Math.floor(Math.sqrt(m));
  while (m % block !== 0) block--;
  return tf.div(tf.sum(tf.sum(tf.reshape(x, [m / block, block, c]), 1), 0), m);
}

/**
 * Concatenation along channels as copies of whole blocks: each input as
 * [C_i, N], stacked along the first axis, transposed once (wasm's
 * channel-axis concat copies a few values at a time, ~30× slower).
 */
export function concatChannels(xs: tf.Tensor4D[]): tf.Tensor4D {
  const [b, h, w] = xs[0].shape;
  const n = b * h * w;
  const rows = xs.map((x) => (x.shape[3] === 1 ? tf.reshape(x, [1, n]) : tf.transpose(tf.reshape(x, [n, x.shape[3]]))));
  const c = xs.reduce((a, x) => a + x.shape[3], 0);
  return tf.reshape(tf.transpose(tf.concat(rows, 0)), [b, h, w, c]);
}
