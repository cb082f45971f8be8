/** Dense conv backward for K cotangents at once, from forward ops only. */
import * as tf from '@tensorflow/tfjs-core';
import { padSpatial, subsample2 } from '../../model/layers';
import { spread2 } from './layout';

/** im2col of a conv's input, [N·Ho·Wo, k·k·Cin], columns ordered (ky, kx, cin) like tfjs filters. */
export function im2col(x: tf.Tensor4D, k: number, stride: number): tf.Tensor2D {
  const [n, , , c] = x.shape;
  if (k === 1) {
    const xs = stride === 1 ? x : subsample2(x);
    return tf.reshape(xs, [xs.size / c, c]);
  }
  // The 3 × 3 patches come from a conv with a one-hot filter (exact: each
  // output is 1·x plus zeros), an order of magnitude faster on wasm than
  // slicing nine windows.
  const eye = new Float32Array(9 * c * 9 * c);
  for (let i = 0; i < 9 * c; i++) eye[i * 9 * c + i] = 1;
  const filter = tf.tensor4d(eye, [3, 3, c, 9 * c]);
  const patches = stride === 1 ? tf.conv2d(x, filter, 1, 'same') : tf.conv2d(padSpatial(x, 1), filter, stride, 'valid');
  const [, ho, wo] = patches.shape;
  return tf.reshape(patches, [n * ho * wo, 9 * c]);
}

/** dW [K, k·k·Cin·Cout] from the channel-major output gradient [K·Cout, N] and im2col [N, k·k·Cin], times a per-Cout scale. */
export function weightGrad(gT: tf.Tensor2D, cols: tf.Tensor2D, kc: number, cout: number, scale?: tf.Tensor): tf.Tensor2D {
  const kk = cols.shape[1];
  let p = tf.reshape(tf.matMul(gT, cols), [kc, cout, kk]);
  if (scale) p = tf.mul(p, tf.reshape(scale, [1, cout, 1]));
  return tf.reshape(tf.transpose(p, [0, 2, 1]), [kc, kk * cout]);
}

/**
 * Gradient of a conv's input ([n, h, w, Cin]: `inShape` gives h and w) from
 * the gradient of its output (forward ops only), with a per-output-channel
 * scale ([Cout] or a number) folded into the filter.
 */
export function convInputGrad(
  g: tf.Tensor4D,
  w: tf.Tensor4D,
  k: number,
  stride: number,
  scale: tf.Tensor | number = 1,
  inShape?: readonly number[],
): tf.Tensor4D {
  const cout = w.shape[3];
  if (k === 1 && stride === 1 && cout === 1 && w.shape[2] === 1) {
    // One channel in and out: a product with one number (the 1 × 1 conv kernel is ~4× slower on wasm).
    return tf.mul(g, tf.reshape(tf.mul(w, scale), []));
  }
  let wt = k === 1 ? tf.transpose(w, [0, 1, 3, 2]) : tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]);
  if (typeof scale !== 'number') wt = tf.mul(wt, tf.reshape(scale, [1, 1, cout, 1]));
  else if (scale !== 1) wt = tf.mul(wt, scale);
  if (stride === 1) return tf.conv2d(g, wt as tf.Tensor4D, 1, k === 1 ? 'valid' : 'same');
  const [n, ho, wo] = g.shape;
  if (k === 3) {
    // Stride 2, padding 1, by output parity: input pixel (2i + a, 2j + b)
    // takes taps from output pixels i..i+1, j..j+1 only, so one 2 × 2 conv
    // gives all four parities as channels (a, b, cin), and a transpose
    // interleaves them. (wasm's transposed conv, depthToSpace and pad are
    // several times slower.)
    if (inShape && (inShape[1] !== 2 * ho || inShape[2] !== 2 * wo)) throw new Error('stride-2 3 × 3 conv backward needs even input sizes');
    const cin = w.shape[2];
    const wt9 = tf.reshape(tf.reverse(wt, [0, 1]), [9, cout * cin]); // rows (ky, kx), columns (cout, cin)
    const f = tf.matMul(tf.tensor2d(parityTaps(), [16, 9]), wt9); // rows (dy, dx, a, b)
    const f4 = tf.reshape(tf.transpose(tf.reshape(f, [2, 2, 2, 2, cout, cin]), [0, 1, 4, 2, 3, 5]), [2, 2, cout, 4 * cin]);
    const p = tf.conv2d(g, f4 as tf.Tensor4D, 1, 'same'); // [n, ho, wo, (a, b, cin)]
    const t = tf.transpose(tf.reshape(p, [n * ho, wo, 2, 2 * cin]), [0, 2, 1, 3]);
    return tf.reshape(t, [n, 2 * ho, 2 * wo, cin]);
  }
  // Stride 2 without padding: the 1 × 1 conv at the output resolution, then
  // spread onto the even pixels (zeros elsewhere).
  const d = tf.conv2d(g, wt as tf.Tensor4D, 1, 'valid');
  return spread2(d, inShape?.[1] ?? 2 * ho, inShape?.[2] ?? 2 * wo);
}

/**
 * The taps of a 3 × 3, stride-2, padding-1 conv's input gradient, by parity:
 * a [16, 9] 0/1 matrix, row (dy, dx, a, b), column (ky, kx). Input pixel
 * (2i + a, 2j + b) takes output pixel (i + dy, j + dx) through filter tap
 * (ky, kx): ky = 1 for a = 0, dy = 0; ky = 2 for a = 1, dy = 0; ky = 0 for
 * a = 1, dy = 1 (none for a = 0, dy = 1); likewise kx.
 */
function parityTaps(): Float32Array {
  const tap = (d: number, a: number) => (a === 0 ? (d === 0 ? 1 : -1) : d === 0 ? 2 : 0);
  const sel = new Float32Array(16 * 9);
  for (let dy = 0; dy < 2; dy++)
    for (let dx = 0; dx < 2; dx++)
      for (let a = 0; a < 2; a++)
        for (let b = 0; b < 2; b++) {
          const ky = tap(dy, a);
          const kx = tap(dx, b);
          if (ky >= 0 && kx >= 0) sel[(((dy * 2 + dx) * 2 + a) * 2 + b) * 9 + ky * 3 + kx] = 1;
        }
  return sel;
}
