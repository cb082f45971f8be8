/**
 * The forward pass of a {@link Graph} in training mode (BatchNorm with batch
 * statistics, biased variance, eps 1e-5), written with differentiable tfjs
 * ops only, so tfjs's autodiff can run through it as well.
 *
 * Layout is NHWC. PyTorch's padding is applied explicitly where tfjs 'same'
 * differs (see layers.ts), and the 3 × 3 average pool excludes the padding
 * from its average, as the official `AvgPool2d(3, s, 1, count_include_pad=False)`.
 * ReLUs of the same input (one state feeding several ops) are computed once.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Graph } from './graph';
import {
  concatChannels,
  avgPool3,
  channelMean,
  conv,
  depthwise,
  depthwiseFilter,
  maxPool3,
  pool3Counts,
  shiftUpLeft,
  sumPool3,
  sumPool3Slices,
} from './layers';
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
  /** Keep x̂ and 1/σ of every BatchNorm for a backward pass (default true; the region count needs none). */
  bnCache?: boolean;
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

export function forward(g: Graph, weights: TensorWeights, input: tf.Tensor4D, opts: ForwardOptions = {}): ForwardResult {
  const values: tf.Tensor[] = [];
  const bn = new Map<number, BnCache>();
  const until = opts.until ?? g.logits;
  const weight = (name: string) => {
    const t = weights.get(name);
    if (!t) throw new Error(`no tensor for parameter ${name}`);
    return t;
  };
  const reluOf = new Map<number, tf.Tensor>();
  const differentiable = !!(opts.autodiff || opts.autodiffSafe);
  for (let id = 0; id <= until; id++) {
    const n = g.nodes[id];
    const x = 'x' in n ? (values[n.x] as tf.Tensor4D) : undefined;
    switch (n.op) {
      case 'input':
        values[id] = input;
        break;
      case 'relu': {
        const r = reluOf.get(n.x) ?? tf.relu(x!);
        reluOf.set(n.x, r);
        values[id] = r;
        break;
      }
      case 'conv':
        values[id] = conv(x!, weight(n.w) as tf.Tensor4D, n.k, n.stride, opts.autodiffSafe);
        break;
      case 'dwconv':
        values[id] = depthwise(x!, depthwiseFilter(weight(n.w)), n.dilation, n.stride, differentiable);
        break;
      case 'bn': {
        // Training mode: batch mean and biased variance (two-pass, as PyTorch).
        const blocked = !!n.blockedStats;
        const mean = channelMean(x!, blocked);
        if (opts.autodiff || opts.autodiffSafe) {
          const centered = tf.sub(x!, mean);
          const variance = channelMean(tf.square(centered) as tf.Tensor4D, blocked);
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
        const variance = channelMean(tf.square(centered) as tf.Tensor4D, blocked);
        if (opts.bnCache !== false) {
          const invstd = tf.rsqrt(tf.add(variance, BN_EPS)) as tf.Tensor1D;
          const xhat = tf.batchNorm(x!, mean, variance, undefined, undefined, BN_EPS) as tf.Tensor4D;
          bn.set(id, { xhat, invstd });
        }
        values[id] = tf.batchNorm(x!, mean, variance, weight(n.beta) as tf.Tensor1D, weight(n.gamma) as tf.Tensor1D, BN_EPS);
        break;
      }
      case 'pool3':
        values[id] =
          n.stride === 1
            ? tf.div(opts.autodiffSafe ? sumPool3Slices(x!) : sumPool3(x!), pool3Counts(x!.shape[1], x!.shape[2], x!.shape[3]))
            : avgPool3(x!, n.stride, differentiable);
        break;
      case 'maxpool3':
        values[id] = maxPool3(x!, n.stride, differentiable);
        break;
      case 'shift':
        values[id] = shiftUpLeft(x!, differentiable);
        break;
      case 'concat':
        values[id] = differentiable
          ? tf.concat(
              n.xs.map((i) => values[i]),
              3,
            )
          : concatChannels(n.xs.map((i) => values[i] as tf.Tensor4D));
        break;
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
  const out = new Set(r.values.filter((t): t is tf.Tensor => t !== undefined));
  for (const c of r.bn.values()) out.add(c.xhat).add(c.invstd);
  return [...out];
}
