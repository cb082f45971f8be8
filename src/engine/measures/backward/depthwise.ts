/**
 * Depthwise conv backward (sep_conv / dil_conv of the DARTS space) for K
 * cotangents at once, from forward ops only.
 */
import * as tf from '@tensorflow/tfjs-core';
import { kernelChoice } from '../../kernels/own-kernels';
import { concatChannels, depthwise } from '../../model/layers';
import { spread2 } from './layout';

/**
 * The patches of a depthwise conv's input, [M, C·k·k] with M = B·Ho·Wo and
 * column (c, ky, kx): one depthwise conv with a one-hot filter of k·k outputs
 * per channel (exact: each output is 1·x plus zeros), with the layer's own
 * dilation, stride and padding.
 */
export function depthwisePatches(x: tf.Tensor4D, k: number, dilation: number, stride: number): tf.Tensor2D {
  const c = x.shape[3];
  const kk = k * k;
  const eye = new Float32Array(kk * c * kk);
  for (let t = 0; t < kk; t++) for (let ch = 0; ch < c; ch++) eye[(t * c + ch) * kk + t] = 1;
  const p = depthwise(x, tf.tensor4d(eye, [k, k, c, kk]), dilation, stride);
  return tf.reshape(p, [p.size / (c * kk), c * kk]);
}

/**
 * dW [K, k·k·C] (tfjs layout [k, k, 1, C]) from the channel-major output
 * gradient [K·C, M] and the patches [M, C·k·k]: one product gives every
 * (channel, channel') pair, of which only channel = channel' is kept.
 */
export function depthwiseWeightGrad(gT: tf.Tensor2D, patches: tf.Tensor2D, kc: number, c: number, scale = 1): tf.Tensor2D {
  const kk = patches.shape[1] / c;
  let p: tf.Tensor2D = tf.matMul(gT, patches); // [(K, c), (c', t)]
  if (scale !== 1) p = tf.mul(p, scale);
  if (c === 1) return p;
  const eye = new Float32Array(c * c);
  for (let i = 0; i < c; i++) eye[i * c + i] = 1;
  const diag = tf.sum(tf.mul(tf.reshape(p, [kc, c, c, kk]), tf.tensor4d(eye, [1, c, c, 1])), 2); // [K, c, t]
  return tf.reshape(tf.transpose(diag, [0, 2, 1]), [kc, kk * c]);
}

/**
 * Gradient of a depthwise conv's input, [n, h, w, C], from that of its output
 * [n, ho, wo, C]: the flipped filter (times `scale`) over the output gradient
 * spread to the input grid (at stride 2), with the same dilation and padding.
 * Writing the forward as y[o] = Σ_t x[s·o − p + d·t]·f[t], the input gradient
 * is dx[i] = Σ_t z[i − p + d·t]·f[k − 1 − t] with z the spread gradient.
 */
export function depthwiseInputGrad(
  g: tf.Tensor4D,
  f: tf.Tensor4D,
  dilation: number,
  stride: number,
  h: number,
  w: number,
  scale = 1,
): tf.Tensor4D {
  let flipped = tf.reverse(f, [0, 1]) as tf.Tensor4D;
  if (scale !== 1) flipped = tf.mul(flipped, scale);
  return depthwise(stride === 1 ? g : spread2(g, h, w), flipped, dilation, 1);
}

/** A depthwise conv's output gradient waiting to be sent to its input, with the conv's filter flipped and scaled. */
export interface PendingDepthwise {
  g: tf.Tensor4D;
  flipped: tf.Tensor4D;
  dilation: number;
  stride: number;
}

/** The flipped filter times a scale, for {@link PendingDepthwise}. */
export function flippedFilter(f: tf.Tensor4D, scale = 1): tf.Tensor4D {
  const r = tf.reverse(f, [0, 1]) as tf.Tensor4D;
  return scale === 1 ? r : tf.mul(r, scale);
}

/**
 * The summed input gradient of several depthwise convs that read the same
 * input ([n, h, w, C]): those with the same kernel, dilation and stride are
 * stacked along channels and run as one depthwise conv (wasm vectorises a
 * depthwise conv over channels: one of 4 channels costs about what one of
 * 1 channel does), then summed per channel by one product. Not on the own
 * kernels, which cost the same per channel either way.
 */
export function depthwiseInputGradSum(items: readonly PendingDepthwise[], h: number, w: number): tf.Tensor4D {
  // The own kernel (vectorised over positions) costs the same per channel
  // stacked or not: there the stacking's concat and summing product are waste.
  const stack = !(kernelChoice() === 'own' && tf.getBackend() === 'wasm');
  const groups = new Map<string, PendingDepthwise[]>();
  items.forEach((it, i) => {
    const key = stack ? `${it.flipped.shape[0]}/${it.dilation}/${it.stride}` : String(i);
    groups.set(key, [...(groups.get(key) ?? []), it]);
  });
  let total: tf.Tensor4D | null = null;
  for (const group of groups.values()) {
    const { dilation, stride } = group[0];
    let dx: tf.Tensor4D;
    if (group.length === 1) {
      const g = group[0].g;
      dx = depthwise(stride === 1 ? g : spread2(g, h, w), group[0].flipped, dilation, 1);
    } else {
      const c = group[0].g.shape[3];
      const stacked = concatChannels(group.map((it) => it.g));
      const filters = tf.concat(
        group.map((it) => it.flipped),
        2,
      ) as tf.Tensor4D;
      const y = depthwise(stride === 1 ? stacked : spread2(stacked, h, w), filters, dilation, 1);
      const sum = new Float32Array(group.length * c * c);
      for (let i = 0; i < group.length; i++) for (let ch = 0; ch < c; ch++) sum[(i * c + ch) * c + ch] = 1;
      const [n] = y.shape;
      dx = tf.reshape(tf.matMul(tf.reshape(y, [n * h * w, group.length * c]), tf.tensor2d(sum, [group.length * c, c])), [n, h, w, c]);
    }
    total = total === null ? dx : (tf.add(total, dx) as tf.Tensor4D);
  }
  return total!;
}
