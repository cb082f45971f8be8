/**
 * The NTK Jacobian in a few large passes.
 *
 * Row i of J is the gradient of Σ_c logits[i, c] with respect to every active
 * `weight` parameter, through the whole-batch training-mode forward pass (BN
 * couples the samples). All rows share one forward pass; the backward pass is
 * written out by hand for the handful of layer types of NAS-Bench-201 and
 * carries K cotangents at once: a gradient tensor holds K stacked copies of the
 * batch, [K·B, H, W, C], and every weight gradient comes out as [K, P] from one
 * batched matrix product per layer. Only forward ops (conv2d, matMul,
 * transpose, nearest-neighbour resize, elementwise) are used, so every backend
 * runs it, including wasm, which lacks conv filter gradients.
 *
 * Shaped for the wasm backend, whose fast paths are narrow: plain (untransposed)
 * 2-D matrix products run in XNNPACK, which caches the packed right-hand
 * operand per tensor, and same-shape or leading-broadcast elementwise ops.
 * So every large matrix product has a constant right-hand operand prepared
 * once per batch ({@link prepareJacobian}), BatchNorm's per-channel reductions
 * and expansions are such products (in a channel-major [K·C, M] layout, the
 * one the conv weight gradient needs anyway), and no op broadcasts over a
 * middle axis of a large tensor.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ForwardResult } from '../model/forward';
import { padSpatial, pool3Counts, sumPool3 } from '../model/forward';
import type { Graph } from '../model/graph';
import { jacobianParams, paramSize } from '../model/graph';
import type { TensorWeights } from '../model/weights';

/** im2col of a conv's input, [N·Ho·Wo, k·k·Cin], columns ordered (ky, kx, cin) like tfjs filters. */
function im2col(x: tf.Tensor4D, k: number, stride: number): tf.Tensor2D {
  const [n, h, w, c] = x.shape;
  if (k === 1) return tf.reshape(x, [n * h * w, c]);
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

/**
 * What the backward pass reuses across chunks of rows. The large tensors here
 * are the right-hand operands of the backward's matrix products (XNNPACK packs
 * each once and keeps it with the tensor).
 */
export interface JacobianContext {
  fwd: ForwardResult;
  /** im2col of every conv input, [N, k·k·Cin]. */
  cols: Map<number, tf.Tensor2D>;
  /** Per BatchNorm node, [M, 1 + C] = [1 | x̂] (per-channel sums of g and g·x̂) and its transpose (the expansion back). */
  bnSum: Map<number, tf.Tensor2D>;
  bnExpand: Map<number, tf.Tensor2D>;
  /** 0/1 mask of every representative ReLU, [1, size]. */
  steps: Map<number, tf.Tensor2D>;
  /** ReLU node → the ReLU of the same input whose mask it shares (the lowest id). */
  reluRep: Map<number, number>;
  /** 1 / (window count) of the 3 × 3 pool, broadcast over channels, [1, H·W·C], by shape. */
  poolInv: Map<string, tf.Tensor2D>;
  /** 3 × 3 pool node → the pool of the same input that applies the (linear) backward for both (the lowest id). */
  poolRep: Map<number, number>;
}

export function prepareJacobian(g: Graph, fwd: ForwardResult): JacobianContext {
  const ctx: JacobianContext = {
    fwd,
    cols: new Map(),
    bnSum: new Map(),
    bnExpand: new Map(),
    steps: new Map(),
    reluRep: new Map(),
    poolInv: new Map(),
    poolRep: new Map(),
  };
  const firstRelu = new Map<number, number>();
  const firstPool = new Map<number, number>();
  const colsByInput = new Map<string, tf.Tensor2D>();
  tf.tidy(() => {
    g.nodes.forEach((n, id) => {
      if (id > g.pooled) return;
      if (n.op === 'conv') {
        // Convs of the same input (the ReLU of one node feeding several edges) share one im2col.
        const src = g.nodes[n.x];
        const key = `${src.op === 'relu' ? `relu:${src.x}` : `node:${n.x}`}/${n.k}/${n.stride}`;
        let cols = colsByInput.get(key);
        if (!cols) {
          cols = tf.keep(im2col(fwd.values[n.x] as tf.Tensor4D, n.k, n.stride));
          colsByInput.set(key, cols);
        }
        ctx.cols.set(id, cols);
      }
      if (n.op === 'bn') {
        const xh = fwd.bn.get(id)!.xhat;
        const c = xh.shape[3];
        const m = xh.size / c;
        // [1 | x̂] by padding a column of ones (a concat along axis 1 is ~10× slower on wasm).
        const red = tf.pad(
          tf.reshape(xh, [m, c]) as tf.Tensor2D,
          [
            [0, 0],
            [1, 0],
          ],
          1,
        );
        ctx.bnSum.set(id, tf.keep(red));
        ctx.bnExpand.set(id, tf.keep(tf.transpose(red)));
      }
      if (n.op === 'relu') {
        const rep = firstRelu.get(n.x);
        if (rep !== undefined) {
          ctx.reluRep.set(id, rep);
          return;
        }
        firstRelu.set(n.x, id);
        ctx.reluRep.set(id, id);
        const y = fwd.values[id];
        ctx.steps.set(id, tf.keep(tf.reshape(tf.cast(tf.greater(y, 0), 'float32'), [1, y.size]) as tf.Tensor2D));
      }
      if (n.op === 'pool3') {
        if (!firstPool.has(n.x)) firstPool.set(n.x, id);
        ctx.poolRep.set(id, firstPool.get(n.x)!);
        const [, h, w, c] = fwd.values[n.x].shape as number[];
        const key = `${h}x${w}x${c}`;
        if (!ctx.poolInv.has(key)) {
          const inv = tf.div(1, pool3Counts(h, w, c));
          ctx.poolInv.set(key, tf.keep(tf.reshape(inv, [1, h * w * c]) as tf.Tensor2D));
        }
      }
    });
  });
  return ctx;
}

export function disposeJacobianContext(ctx: JacobianContext): void {
  for (const map of [ctx.cols, ctx.bnSum, ctx.bnExpand, ctx.steps, ctx.poolInv]) {
    // A tensor may serve several nodes (shared im2col): dispose each once.
    for (const t of new Set(map.values())) t.dispose();
    map.clear();
  }
}

/** [K, M, C] (as [K·B, H, W, C]) → channel-major [K·C, M]. */
function toChannelMajor(t: tf.Tensor, kc: number, c: number): tf.Tensor2D {
  const m = t.size / (kc * c);
  return tf.reshape(tf.transpose(tf.reshape(t, [kc, m, c]), [0, 2, 1]), [kc * c, m]);
}

/** Channel-major [K·C, M] → [K·B, H, W, C]. */
function fromChannelMajor(t: tf.Tensor2D, kc: number, shape: number[]): tf.Tensor4D {
  const [b, h, w, c] = shape;
  return tf.reshape(tf.transpose(tf.reshape(t, [kc, c, b * h * w]), [0, 2, 1]), [kc * b, h, w, c]);
}

/**
 * BatchNorm backward in channel-major layout, without γ/σ: for g = ∂/∂y
 * ([K·C, M]), returns u = g − mean(g) − x̂·mean(g·x̂) (so ∂/∂x = u·γ/σ per
 * channel) and ∂/∂γ = Σ g·x̂, [K, C]. Both per-channel means come from one
 * product with [1 | x̂] and the correction from one product with its transpose.
 */
function bnBackward(gT: tf.Tensor2D, sum: tf.Tensor2D, expand: tf.Tensor2D, kc: number, c: number): [tf.Tensor2D, tf.Tensor2D] {
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

/** dW [K, k·k·Cin·Cout] from the channel-major output gradient [K·Cout, N] and im2col [N, k·k·Cin], times a per-Cout scale. */
function weightGrad(gT: tf.Tensor2D, cols: tf.Tensor2D, kc: number, cout: number, scale?: tf.Tensor): tf.Tensor2D {
  const kk = cols.shape[1];
  let p = tf.reshape(tf.matMul(gT, cols), [kc, cout, kk]);
  if (scale) p = tf.mul(p, tf.reshape(scale, [1, cout, 1]));
  return tf.reshape(tf.transpose(p, [0, 2, 1]), [kc, kk * cout]);
}

/**
 * Gradient of a conv's input from the gradient of its output (forward ops
 * only), with a per-output-channel scale ([Cout] or a number) folded into the
 * filter.
 */
function convInputGrad(g: tf.Tensor4D, w: tf.Tensor4D, k: number, stride: number, scale: tf.Tensor | number = 1): tf.Tensor4D {
  const cout = w.shape[3];
  let wt = k === 1 ? tf.transpose(w, [0, 1, 3, 2]) : tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]);
  if (typeof scale !== 'number') wt = tf.mul(wt, tf.reshape(scale, [1, 1, cout, 1]));
  else if (scale !== 1) wt = tf.mul(wt, scale);
  if (stride === 1) return tf.conv2d(g, wt as tf.Tensor4D, 1, k === 1 ? 'valid' : 'same');
  const [n, ho, wo, c] = g.shape;
  if (k === 3) {
    // Stride 2, padding 1, by output parity: input pixel (2i + a, 2j + b)
    // takes taps from output pixels i..i+1, j..j+1 only, so one 2 × 2 conv
    // gives all four parities as channels (a, b, cin), and a transpose
    // interleaves them. (wasm's transposed conv, depthToSpace and pad are
    // several times slower.)
    const cin = w.shape[2];
    const wt9 = tf.reshape(tf.reverse(wt, [0, 1]), [9, cout * cin]); // rows (ky, kx), columns (cout, cin)
    const f = tf.matMul(tf.tensor2d(parityTaps(), [16, 9]), wt9); // rows (dy, dx, a, b)
    const f4 = tf.reshape(tf.transpose(tf.reshape(f, [2, 2, 2, 2, cout, cin]), [0, 1, 4, 2, 3, 5]), [2, 2, cout, 4 * cin]);
    const p = tf.conv2d(g, f4 as tf.Tensor4D, 1, 'same'); // [n, ho, wo, (a, b, cin)]
    const t = tf.transpose(tf.reshape(p, [n * ho, wo, 2, 2 * cin]), [0, 2, 1, 3]);
    return tf.reshape(t, [n, 2 * ho, 2 * wo, cin]);
  }
  // Stride 2 without padding: dilate g with zeros (each value at even
  // positions), then the 1 × 1 conv.
  const d = tf.pad(tf.reshape(g, [n, ho, 1, wo, 1, c]), [
    [0, 0],
    [0, 0],
    [0, 1],
    [0, 0],
    [0, 1],
    [0, 0],
  ]);
  return tf.conv2d(tf.reshape(d, [n, 2 * ho, 2 * wo, c]) as tf.Tensor4D, wt as tf.Tensor4D, 1, 'valid');
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

/** Nearest-neighbour 2× upsampling (the transpose of a 2 × 2 sum pool). */
function upsample2(g: tf.Tensor4D): tf.Tensor4D {
  const [, h, w] = g.shape;
  return tf.image.resizeNearestNeighbor(g, [2 * h, 2 * w]);
}

/** A pending gradient: the tensor t times the scalar s (sum weights are applied lazily, mostly folded into later ops). */
interface Grad {
  t: tf.Tensor;
  s: number;
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
  const grads = new Map<number, Grad>();
  const wgrads = new Map<string, tf.Tensor2D>();
  const weight = (name: string) => weights.get(name)!;
  const consumers = new Array<number>(g.nodes.length).fill(0);
  for (const n of g.nodes) {
    if ('x' in n) consumers[n.x]++;
    if (n.op === 'sum') for (const t of n.terms) consumers[t.x]++;
  }

  /** Adds t·s to the gradient of node id (takes ownership of t). */
  const addGrad = (id: number, t: tf.Tensor, s = 1) => {
    const prev = grads.get(id);
    if (!prev) {
      grads.set(id, { t, s });
      return;
    }
    const sum = tf.tidy(() => {
      if (prev.s === s) return tf.add(prev.t, t);
      const a = prev.s === 1 ? prev.t : tf.mul(prev.t, prev.s);
      const b = s === 1 ? t : tf.mul(t, s);
      return tf.add(a, b);
    });
    grads.set(id, { t: sum, s: prev.s === s ? s : 1 });
    prev.t.dispose();
    t.dispose();
  };
  /** A second handle on the same data (no copy, unlike tf.clone on wasm). */
  const share = (t: tf.Tensor) => tf.reshape(t, t.shape);

  // Logits → pooled features: the cotangent of row k is 1 on every logit of sample k.
  const lin = g.nodes[g.logits];
  if (lin.op !== 'linear') throw new Error('graph must end with the classifier');
  const classes = weight(lin.w).shape[0];
  const [gp, dWc] = tf.tidy(() => {
    const rows = tf.range(k0, k1, 1, 'int32');
    const onehot = tf.oneHot(rows, B) as tf.Tensor2D; // [kc, B]
    const colsum = tf.sum(weight(lin.w), 0); // [C]
    const gp = tf.reshape(tf.mul(tf.reshape(onehot, [kc, B, 1]), tf.reshape(colsum, [1, 1, C])), [kc * B, C]);
    const p = tf.slice(pooled, [k0, 0], [kc, C]);
    const dWc = tf.reshape(tf.tile(tf.reshape(p, [kc, 1, C]), [1, classes, 1]), [kc, classes * C]) as tf.Tensor2D;
    return [gp, dWc];
  });
  wgrads.set(lin.w, dWc);
  grads.set(lin.x, { t: gp, s: 1 });

  for (let id = g.pooled; id >= 0; id--) {
    const pending = grads.get(id);
    if (!pending) continue;
    grads.delete(id);
    const { t: gOut, s } = pending;
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
        addGrad(
          n.x,
          tf.tidy(() => tf.div(tf.mul(tf.reshape(gOut, [kc * B, 1, 1, c]), tf.ones([1, h, w, 1])), h * w)),
          s,
        );
        break;
      }
      case 'relu': {
        const rep = ctx.reluRep.get(id)!;
        if (rep !== id) {
          // Same input, same mask: apply it once, to the sum of the gradients.
          addGrad(rep, share(gOut), s);
          break;
        }
        const y = fwd.values[id] as tf.Tensor4D;
        const step = ctx.steps.get(id)!;
        if (needInput)
          addGrad(
            n.x,
            tf.tidy(() => tf.reshape(tf.mul(tf.reshape(gOut, [kc, y.size]), step), [kc * B, ...y.shape.slice(1)])),
            s,
          );
        break;
      }
      case 'bn': {
        const xShape = x!.shape;
        const c = xShape[3];
        const src = g.nodes[n.x];
        // γ/σ per channel, times the pending scale of the gradient.
        const scale = tf.tidy(() => tf.mul(tf.mul(weight(n.gamma), fwd.bn.get(id)!.invstd), s));
        // A conv that feeds only this BN takes its gradient here, channel-major.
        const conv = src.op === 'conv' && consumers[n.x] === 1 ? src : undefined;
        let dW: tf.Tensor2D | undefined;
        let dx: tf.Tensor | undefined;
        const dGamma = tf.tidy(() => {
          const gT = toChannelMajor(gOut, kc, c);
          const [u, sumGx] = bnBackward(gT, ctx.bnSum.get(id)!, ctx.bnExpand.get(id)!, kc, c);
          const dGamma = s === 1 ? sumGx : tf.mul(sumGx, s);
          if (!conv) {
            if (needInput) {
              const d = tf.mul(tf.reshape(fromChannelMajor(u, kc, xShape), [kc * B, xShape[1] * xShape[2], c]), scale);
              dx = tf.keep(tf.reshape(d, [kc * B, ...xShape.slice(1)]));
            }
            return dGamma;
          }
          dW = tf.keep(weightGrad(u, ctx.cols.get(n.x)!, kc, c, scale));
          if (g.nodes[conv.x].op !== 'input')
            dx = tf.keep(convInputGrad(fromChannelMajor(u, kc, xShape), weight(conv.w) as tf.Tensor4D, conv.k, conv.stride, scale));
          return dGamma;
        });
        scale.dispose();
        wgrads.set(n.gamma, dGamma as tf.Tensor2D);
        if (conv) wgrads.set(conv.w, dW!);
        if (dx) addGrad(conv ? conv.x : n.x, dx);
        break;
      }
      case 'conv': {
        const w = weight(n.w) as tf.Tensor4D;
        const cout = w.shape[3];
        wgrads.set(
          n.w,
          tf.tidy(() => {
            const dW = weightGrad(toChannelMajor(gOut, kc, cout), ctx.cols.get(id)!, kc, cout);
            return s === 1 ? dW : tf.mul(dW, s);
          }),
        );
        if (!needInput) break;
        const src = g.nodes[n.x];
        if (src.op === 'pool2' && n.k === 1 && n.stride === 1 && consumers[n.x] === 1) {
          // 2 × 2 average pool then 1 × 1 conv: the 1 × 1 conv's input gradient
          // at low resolution (with the pool's 1/4 in its filter), then upsampled.
          if (g.nodes[src.x].op !== 'input')
            addGrad(
              src.x,
              tf.tidy(() => upsample2(convInputGrad(gOut as tf.Tensor4D, w, 1, 1, s * 0.25))),
            );
          break;
        }
        addGrad(
          n.x,
          tf.tidy(() => convInputGrad(gOut as tf.Tensor4D, w, n.k, n.stride, s)),
        );
        break;
      }
      case 'pool3': {
        const rep = ctx.poolRep.get(id)!;
        if (rep !== id) {
          addGrad(rep, share(gOut), s);
          break;
        }
        const [, h, w, c] = x!.shape;
        const inv = ctx.poolInv.get(`${h}x${w}x${c}`)!;
        if (needInput)
          addGrad(
            n.x,
            tf.tidy(() => {
              const r = tf.mul(tf.reshape(gOut, [kc * B, h * w * c]), s === 1 ? inv : tf.mul(inv, s));
              return sumPool3(tf.reshape(r, [kc * B, h, w, c]));
            }),
          );
        break;
      }
      case 'pool2':
        if (needInput)
          addGrad(
            n.x,
            tf.tidy(() => upsample2(gOut as tf.Tensor4D)),
            0.25 * s,
          );
        break;
      case 'zero':
        break;
      case 'sum':
        for (const t of n.terms) {
          if (g.nodes[t.x].op === 'input') continue;
          addGrad(t.x, share(gOut), t.scale * s);
        }
        break;
      case 'linear':
        throw new Error('unexpected linear layer inside the network');
    }
    gOut.dispose();
  }
  for (const t of grads.values()) t.t.dispose();

  // A parameter no gradient reaches (an op whose node only feeds `none` edges)
  // gets zero columns, as in PyTorch, where `none` multiplies by 0: they do not
  // change J Jᵀ but keep the column count of the official Jacobian.
  const zeros: tf.Tensor2D[] = [];
  const cols = jacobianParams(g).map((p) => {
    const t = wgrads.get(p.name);
    if (t) return t;
    const z = tf.zeros([kc, paramSize(p)]) as tf.Tensor2D;
    zeros.push(z);
    return z;
  });
  const J = tf.concat(cols, 1) as tf.Tensor2D;
  for (const t of wgrads.values()) t.dispose();
  for (const t of zeros) t.dispose();
  return J;
}
