/**
 * The forward pass of a {@link Graph} in training mode (BatchNorm with batch
 * statistics, biased variance, eps 1e-5), written with differentiable tfjs
 * ops only, so tfjs's autodiff can run through it as well.
 *
 * Layout is NHWC. PyTorch's padding = 1 is applied explicitly (a stride-2
 * 3 × 3 conv with padding 1 is not tfjs 'same' padding), and the 3 × 3
 * average pool excludes the padding from its average, as NAS-Bench-201's
 * `AvgPool2d(3, 1, 1, count_include_pad=False)`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Graph } from './graph';
import type { TensorWeights } from './weights';

export const BN_EPS = 1e-5;

export interface ForwardOptions {
  /**
   * Use only ops whose gradients tfjs-backend-wasm has and gets right, for
   * tfjs autodiff on wasm (the naive reference Jacobian): stride-2 convs as a
   * stride-1 conv followed by subsampling (wasm's stride-2 conv gradients are
   * wrong) and the 3 × 3 window sum as nine shifted slices (wasm has no
   * depthwise-conv input gradient). Same values up to float rounding.
   */
  autodiffSafe?: boolean;
  /**
   * Under tfjs autodiff (any backend): BatchNorm from elementwise ops instead
   * of the fused kernel, whose recorded gradient cannot take an absent scale.
   */
  autodiff?: boolean;
  /** Stop after this node (default: the logits). */
  until?: number;
}

export interface BnCache {
  xhat: tf.Tensor4D;
  invstd: tf.Tensor1D;
}

export interface ForwardResult {
  /** Value of every node up to `until` (undefined past it). */
  values: tf.Tensor[];
  /** Normalised input and 1/σ of every BatchNorm node. */
  bn: Map<number, BnCache>;
}

export function padSpatial(x: tf.Tensor4D, p: number): tf.Tensor4D {
  return p === 0
    ? x
    : tf.pad(x, [
        [0, 0],
        [p, p],
        [p, p],
        [0, 0],
      ]);
}

export function conv(x: tf.Tensor4D, w: tf.Tensor4D, k: number, stride: number, subsample = false): tf.Tensor4D {
  // At stride 1 an odd kernel's 'same' padding is PyTorch's symmetric padding
  // (and avoids an explicit pad, slow on wasm); at stride 2 it is not.
  if (stride === 1) return tf.conv2d(x, w, 1, 'same');
  const xp = padSpatial(x, k === 3 ? 1 : 0);
  if (!subsample) return tf.conv2d(xp, w, stride, 'valid');
  // Subsample every `stride`-th row and column with reshape + slice (both have gradients; stridedSlice has none).
  const full = tf.conv2d(xp, w, 1, 'valid');
  const [n, h, ww, c] = full.shape;
  const ho = Math.ceil(h / stride);
  const wo = Math.ceil(ww / stride);
  const padded = tf.pad(full, [
    [0, 0],
    [0, ho * stride - h],
    [0, wo * stride - ww],
    [0, 0],
  ]);
  const grid = tf.reshape(padded, [n, ho, stride, wo, stride, c]);
  return tf.reshape(tf.slice(grid, [0, 0, 0, 0, 0, 0], [n, ho, 1, wo, 1, c]), [n, ho, wo, c]) as tf.Tensor4D;
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
 * How many real (non-padding) pixels each 3 × 3 window covers: [1, h, w, c]
 * (repeated over the channels: a leading-axis broadcast is a fast path on
 * wasm, a broadcast over the channel axis is not).
 */
export function pool3Counts(h: number, w: number, channels = 1): tf.Tensor4D {
  const c = new Float32Array(h * w * channels);
  for (let y = 0; y < h; y++) {
    const ny = Math.min(y + 1, h - 1) - Math.max(y - 1, 0) + 1;
    for (let x = 0; x < w; x++) {
      const nx = Math.min(x + 1, w - 1) - Math.max(x - 1, 0) + 1;
      c.fill(ny * nx, (y * w + x) * channels, (y * w + x + 1) * channels);
    }
  }
  return tf.tensor4d(c, [1, h, w, channels]);
}

export function forward(g: Graph, weights: TensorWeights, input: tf.Tensor4D, opts: ForwardOptions = {}): ForwardResult {
  const values: tf.Tensor[] = [];
  const bn = new Map<number, BnCache>();
  const until = opts.until ?? g.logits;
  const weight = (name: string) => {
    const t = weights.get(name);
    if (!t) throw new Error(`no tensor for parameter ${name}`);
    return t;
  };
  for (let id = 0; id <= until; id++) {
    const n = g.nodes[id];
    const x = 'x' in n ? (values[n.x] as tf.Tensor4D) : undefined;
    switch (n.op) {
      case 'input':
        values[id] = input;
        break;
      case 'relu':
        values[id] = tf.relu(x!);
        break;
      case 'conv':
        values[id] = conv(x!, weight(n.w) as tf.Tensor4D, n.k, n.stride, opts.autodiffSafe);
        break;
      case 'bn': {
        // Training mode: batch mean and biased variance (two-pass, as PyTorch).
        const mean = tf.mean(x!, [0, 1, 2]);
        if (opts.autodiff || opts.autodiffSafe) {
          const centered = tf.sub(x!, mean);
          const variance = tf.mean(tf.square(centered), [0, 1, 2]);
          const invstd = tf.rsqrt(tf.add(variance, BN_EPS)) as tf.Tensor1D;
          const xhat = tf.mul(centered, invstd) as tf.Tensor4D;
          bn.set(id, { xhat, invstd });
          values[id] = tf.add(tf.mul(xhat, weight(n.gamma)), weight(n.beta));
          break;
        }
        // The fused batch-norm kernel: per-channel broadcasts over the last
        // axis are ~25× slower than same-shape ops on wasm. (x − mean)/√(1 + 0)
        // is exactly x − mean.
        const c = x!.shape[3];
        const centered = tf.batchNorm(x!, mean, tf.ones([c]), undefined, undefined, 0);
        const variance = tf.mean(tf.square(centered), [0, 1, 2]);
        const invstd = tf.rsqrt(tf.add(variance, BN_EPS)) as tf.Tensor1D;
        const xhat = tf.batchNorm(x!, mean, variance, undefined, undefined, BN_EPS) as tf.Tensor4D;
        bn.set(id, { xhat, invstd });
        values[id] = tf.batchNorm(x!, mean, variance, weight(n.beta) as tf.Tensor1D, weight(n.gamma) as tf.Tensor1D, BN_EPS);
        break;
      }
      case 'pool3': {
        const [, h, w, c] = x!.shape;
        values[id] = tf.div(opts.autodiffSafe ? sumPool3Slices(x!) : sumPool3(x!), pool3Counts(h, w, c));
        break;
      }
      case 'pool2':
        values[id] = tf.avgPool(x!, 2, 2, 'valid');
        break;
      case 'zero':
        values[id] = tf.zerosLike(x!);
        break;
      case 'sum': {
        let s: tf.Tensor | null = null;
        for (const t of n.terms) {
          const v = t.scale === 1 ? values[t.x] : tf.mul(values[t.x], t.scale);
          s = s === null ? v : tf.add(s, v);
        }
        values[id] = s!;
        break;
      }
      case 'gap':
        values[id] = tf.mean(x!, [1, 2]);
        break;
      case 'linear':
        values[id] = tf.add(tf.matMul(values[n.x] as tf.Tensor2D, weight(n.w) as tf.Tensor2D, false, true), weight(n.b));
        break;
    }
  }
  return { values, bn };
}

/** A forward pass whose node values outlive the call; `dispose` frees them (not the input). */
export function forwardRetained(
  g: Graph,
  weights: TensorWeights,
  input: tf.Tensor4D,
  opts: ForwardOptions = {},
): ForwardResult & { dispose(): void } {
  let r!: ForwardResult;
  tf.tidy(() => {
    r = forward(g, weights, input, opts);
    for (const t of retainedTensors(r)) tf.keep(t);
  });
  return {
    ...r,
    dispose: () => {
      for (const t of retainedTensors(r)) if (t !== input) t.dispose();
    },
  };
}

function retainedTensors(r: ForwardResult): tf.Tensor[] {
  const out = r.values.filter((t): t is tf.Tensor => t !== undefined);
  for (const c of r.bn.values()) out.push(c.xhat, c.invstd);
  return out;
}
