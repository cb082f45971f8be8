/**
 * The NTK Jacobian in a few large passes.
 *
 * Row i of J is the gradient of Σ_c logits[i, c] with respect to every active
 * `weight` parameter, through the whole-batch training-mode forward pass (BN
 * couples the samples). All rows share one forward pass; the backward pass is
 * written out by hand for the handful of layer types of NAS-Bench-201 and
 * carries K cotangents at once: a gradient tensor holds K stacked copies of the
 * batch, [K·B, H, W, C], and every weight gradient comes out as [K, P] from one
 * batched matrix product per layer. Only forward ops (conv2d, matMul, slices)
 * are used, so every backend runs it, including wasm, which lacks conv filter
 * gradients.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ForwardResult } from './forward';
import { padSpatial, pool3Counts, sumPool3 } from './forward';
import type { Graph } from './network';
import { jacobianParams } from './network';
import type { TensorWeights } from './weights';

/**
 * Transposed im2col of a conv's input, [k·k·Cin, N·Ho·Wo], rows ordered
 * (ky, kx, cin) like tfjs filters. The 3 × 3 patches come from a conv with a
 * one-hot filter (exact: each output is 1·x plus zeros), which is an order of
 * magnitude faster on wasm than slicing nine windows.
 */
export function im2colT(x: tf.Tensor4D, k: number, stride: number): tf.Tensor2D {
  const [n, h, w, c] = x.shape;
  if (k === 1) return tf.transpose(tf.reshape(x, [n * h * w, c]));
  const eye = new Float32Array(9 * c * 9 * c);
  for (let i = 0; i < 9 * c; i++) eye[i * 9 * c + i] = 1;
  const filter = tf.tensor4d(eye, [3, 3, c, 9 * c]);
  const patches = stride === 1 ? tf.conv2d(x, filter, 1, 'same') : tf.conv2d(padSpatial(x, 1), filter, stride, 'valid');
  const [, ho, wo] = patches.shape;
  return tf.transpose(tf.reshape(patches, [n * ho * wo, 9 * c]));
}

/** What the backward pass reuses across chunks of rows: the forward values, im2col of every conv input and every ReLU's 0/1 mask. */
export interface JacobianContext {
  fwd: ForwardResult;
  colsT: Map<number, tf.Tensor2D>;
  steps: Map<number, tf.Tensor2D>;
}

export function prepareJacobian(g: Graph, fwd: ForwardResult): JacobianContext {
  const colsT = new Map<number, tf.Tensor2D>();
  const steps = new Map<number, tf.Tensor2D>();
  tf.tidy(() => {
    g.nodes.forEach((n, id) => {
      if (id > g.pooled) return;
      if (n.op === 'conv') colsT.set(id, tf.keep(im2colT(fwd.values[n.x] as tf.Tensor4D, n.k, n.stride)));
      if (n.op === 'relu') {
        const y = fwd.values[id];
        steps.set(id, tf.keep(tf.reshape(tf.cast(tf.greater(y, 0), 'float32'), [1, y.size]) as tf.Tensor2D));
      }
    });
  });
  return { fwd, colsT, steps };
}

export function disposeJacobianContext(ctx: JacobianContext): void {
  for (const t of ctx.colsT.values()) t.dispose();
  for (const t of ctx.steps.values()) t.dispose();
}

/** Gradient of a conv's input, from the gradient of its output (forward ops only). */
function convInputGrad(g: tf.Tensor4D, w: tf.Tensor4D, k: number, stride: number): tf.Tensor4D {
  if (k === 1) return tf.conv2d(g, tf.transpose(w, [0, 1, 3, 2]), 1, 'valid');
  const wt = tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
  if (stride === 1) return tf.conv2d(g, wt, 1, 'same');
  // Stride 2, padding 1: dilate g with zeros (each value at even positions),
  // then a stride-1 'same' conv (pads one on each side) with the flipped filter.
  const [n, ho, wo, c] = g.shape;
  const d = tf.pad(tf.reshape(g, [n, ho, 1, wo, 1, c]), [[0, 0], [0, 0], [0, 1], [0, 0], [0, 1], [0, 0]]);
  const dil = tf.reshape(d, [n, 2 * ho, 2 * wo, c]) as tf.Tensor4D;
  return tf.conv2d(dil, wt, 1, 'same');
}

/** Nearest-neighbour 2× upsampling (the transpose of a 2 × 2 sum pool), 4-D ops only. */
function upsample2(g: tf.Tensor4D): tf.Tensor4D {
  const [n, ho, wo, c] = g.shape;
  const a = tf.reshape(g, [n * ho * wo, 1, c]);
  const b = tf.reshape(tf.concat([a, a], 1), [n * ho, 1, wo * 2 * c]);
  return tf.reshape(tf.concat([b, b], 1), [n, 2 * ho, 2 * wo, c]);
}

/**
 * Rows k0..k1−1 of J as a [k1 − k0, P] tensor, columns in {@link jacobianParams}
 * order, each parameter flattened in tfjs layout (conv [kh, kw, in, out]).
 * `ctx` comes from {@link prepareJacobian} on the forward pass of the same batch.
 */
export function jacobianRows(g: Graph, weights: TensorWeights, ctx: JacobianContext, k0: number, k1: number): tf.Tensor2D {
  const kc = k1 - k0;
  const fwd = ctx.fwd;
  const pooled = fwd.values[g.pooled] as tf.Tensor2D;
  const [B, C] = pooled.shape;
  const grads = new Map<number, tf.Tensor>();
  const wgrads = new Map<string, tf.Tensor2D>();
  const W = (name: string) => weights.get(name)!;

  const addGrad = (id: number, t: tf.Tensor) => {
    const prev = grads.get(id);
    if (!prev) {
      grads.set(id, t);
      return;
    }
    grads.set(id, tf.tidy(() => tf.add(prev, t)));
    prev.dispose();
    t.dispose();
  };

  // Logits → pooled features: the cotangent of row k is 1 on every logit of sample k.
  const lin = g.nodes[g.logits];
  if (lin.op !== 'linear') throw new Error('graph must end with the classifier');
  const classes = W(lin.w).shape[0];
  const [gp, dWc] = tf.tidy(() => {
    const rows = tf.range(k0, k1, 1, 'int32');
    const onehot = tf.oneHot(rows, B) as tf.Tensor2D; // [kc, B]
    const colsum = tf.sum(W(lin.w), 0); // [C]
    const gp = tf.reshape(tf.mul(tf.reshape(onehot, [kc, B, 1]), tf.reshape(colsum, [1, 1, C])), [kc * B, C]);
    const p = tf.slice(pooled, [k0, 0], [kc, C]);
    const dWc = tf.reshape(tf.tile(tf.reshape(p, [kc, 1, C]), [1, classes, 1]), [kc, classes * C]) as tf.Tensor2D;
    return [gp, dWc];
  });
  wgrads.set(lin.w, dWc);
  grads.set(lin.x, gp);

  for (let id = g.pooled; id >= 0; id--) {
    const gOut = grads.get(id);
    if (!gOut) continue;
    grads.delete(id);
    const n = g.nodes[id];
    if (n.op === 'input') {
      gOut.dispose();
      continue;
    }
    const x = 'x' in n ? (fwd.values[n.x] as tf.Tensor4D) : undefined;
    const needInput = 'x' in n && g.nodes[n.x].op !== 'input';
    switch (n.op) {
      case 'gap': {
        const [, h, w, c] = x!.shape;
        addGrad(n.x, tf.tidy(() => tf.div(tf.mul(tf.reshape(gOut, [kc * B, 1, 1, c]), tf.ones([1, h, w, 1])), h * w)));
        break;
      }
      case 'relu': {
        const y = fwd.values[id] as tf.Tensor4D;
        const step = ctx.steps.get(id)!;
        addGrad(n.x, tf.tidy(() => tf.reshape(tf.mul(tf.reshape(gOut, [kc, y.size]), step), [kc * B, ...y.shape.slice(1)])));
        break;
      }
      case 'bn': {
        const cache = fwd.bn.get(id)!;
        const [, h, w, c] = cache.xhat.shape;
        const m = B * h * w;
        const [dx, dGamma] = tf.tidy(() => {
          const gr = tf.reshape(gOut, [kc, m, c]);
          const xh = tf.reshape(cache.xhat, [1, m, c]);
          const gx = tf.mul(gr, xh);
          const dGamma = tf.sum(gx, 1) as tf.Tensor2D; // [kc, c]
          const mg = tf.mean(gr, 1, true);
          const mgx = tf.mean(gx, 1, true);
          const scale = tf.reshape(tf.mul(W(n.gamma), cache.invstd), [1, 1, c]);
          const dx = tf.mul(tf.sub(tf.sub(gr, mg), tf.mul(xh, mgx)), scale);
          return [tf.reshape(dx, [kc * B, h, w, c]), dGamma];
        });
        wgrads.set(n.gamma, dGamma as tf.Tensor2D);
        addGrad(n.x, dx);
        break;
      }
      case 'conv': {
        const w = W(n.w) as tf.Tensor4D;
        const [kh, kw, cin, cout] = w.shape;
        const dW = tf.tidy(() => {
          // dW[k] = colsᵀ g[k] for every row k at once: one NN matrix product
          // [kk·cin, N] × [N, kc·cout] (the transposed forms run ~10× slower on wasm).
          const colsT = ctx.colsT.get(id)!;
          const N = colsT.shape[1];
          const gT = tf.reshape(tf.transpose(tf.reshape(gOut, [kc, N, cout]), [1, 0, 2]), [N, kc * cout]);
          const prod = tf.reshape(tf.matMul(colsT, gT), [kh * kw * cin, kc, cout]);
          return tf.reshape(tf.transpose(prod, [1, 0, 2]), [kc, kh * kw * cin * cout]) as tf.Tensor2D;
        });
        wgrads.set(n.w, dW);
        if (needInput) addGrad(n.x, tf.tidy(() => convInputGrad(gOut as tf.Tensor4D, w, n.k, n.stride)));
        break;
      }
      case 'pool3': {
        const [, h, w] = x!.shape;
        if (needInput) addGrad(n.x, tf.tidy(() => sumPool3(tf.div(gOut, pool3Counts(h, w)) as tf.Tensor4D)));
        break;
      }
      case 'pool2':
        if (needInput) addGrad(n.x, tf.tidy(() => tf.mul(upsample2(gOut as tf.Tensor4D), 0.25)));
        break;
      case 'zero':
        break;
      case 'sum':
        for (const t of n.terms) {
          if (g.nodes[t.x].op === 'input') continue;
          addGrad(t.x, t.scale === 1 ? tf.clone(gOut) : tf.tidy(() => tf.mul(gOut, t.scale)));
        }
        break;
      case 'linear':
        throw new Error('unexpected linear layer inside the network');
    }
    gOut.dispose();
  }
  for (const t of grads.values()) t.dispose();

  const cols = jacobianParams(g).map((p) => {
    const t = wgrads.get(p.name);
    if (!t) throw new Error(`no gradient reached parameter ${p.name}`);
    return t;
  });
  const J = tf.concat(cols, 1) as tf.Tensor2D;
  for (const t of wgrads.values()) t.dispose();
  return J;
}
