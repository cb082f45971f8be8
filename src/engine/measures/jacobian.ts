/**
 * The NTK Jacobian in a few large passes.
 *
 * Row i of J is the gradient of Σ_c logits[i, c] with respect to every active
 * `weight` parameter, through the whole-batch training-mode forward pass (BN
 * couples the samples). All rows share one forward pass; the backward pass is
 * written out by hand for the handful of layer types of NAS-Bench-201 and
 * carries K cotangents at once: a gradient tensor holds K stacked copies of the
 * batch, [K·B, H, W, C], and every weight gradient comes out as [K, P] from one
 * batched matrix product per layer. Only forward ops (conv2d, depthwise conv,
 * matMul, transpose, nearest-neighbour resize, elementwise) are used, so every
 * backend runs it, including wasm, which lacks conv filter gradients. The
 * layer-by-layer pieces are in backward/ (layouts, BatchNorm, convs, depthwise
 * convs, pools; the per-batch context).
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
import { ownConvWeightGrad } from '../kernels/conv-weight-grad';
import { ownDepthwiseWeightGrad } from '../kernels/depthwise-grad';
import type { Graph } from '../model/graph';
import { jacobianParams, layerInputs, paramSize } from '../model/graph';
import { depthwiseFilter } from '../model/layers';
import type { TensorWeights } from '../model/weights';
import { bnGrads } from './backward/bn';
import type { JacobianContext } from './backward/context';
import { convInputGrad, weightGrad } from './backward/conv';
import { depthwiseInputGrad, depthwiseInputGradSum, depthwiseWeightGrad, flippedFilter, type PendingDepthwise } from './backward/depthwise';
import { share, splitChannels, spread2, toChannelMajor, upsample2 } from './backward/layout';
import { avgPoolInputGrad, maxPoolInputGrad } from './backward/pools';

/** A conv's weight gradient from the own kernel, where prepareJacobian left out its im2col. */
function convWeightGrad(id: number, dW: tf.Tensor2D | null): tf.Tensor2D {
  if (!dW) throw new Error(`conv ${id}: no im2col, and the own weight-gradient kernel does not run`);
  return dW;
}

export type { JacobianContext } from './backward/context';
export { disposeJacobianContext, prepareJacobian } from './backward/context';

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
  /** Depthwise convs' output gradients, by the ReLU (representative) whose output they read. */
  const pendingDw = new Map<number, PendingDepthwise[]>();
  const weight = (name: string) => weights.get(name)!;
  const consumers = new Array<number>(g.nodes.length).fill(0);
  for (const n of g.nodes) for (const x of layerInputs(n)) consumers[x]++;

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
    const dws = pendingDw.get(id);
    if (dws) {
      pendingDw.delete(id);
      const [, h, w] = fwd.values[id].shape;
      addGrad(
        id,
        tf.tidy(() => depthwiseInputGradSum(dws, h, w)),
      );
      for (const p of dws) {
        p.g.dispose();
        p.flipped.dispose();
      }
    }
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
          const u = bnGrads(gOut, fwd.bn.get(id)!.xhat, ctx.bnSum.get(id)!, ctx.bnExpand.get(id)!, kc);
          const dGamma = s === 1 ? u.sumGx : tf.mul(u.sumGx, s);
          if (!conv) {
            if (needInput) {
              const d = tf.mul(tf.reshape(u.nhwc(), [kc * B, xShape[1] * xShape[2], c]), scale);
              dx = tf.keep(tf.reshape(d, [kc * B, ...xShape.slice(1)]));
            }
            return dGamma;
          }
          const cols = ctx.cols.get(n.x);
          dW = tf.keep(
            cols
              ? weightGrad(u.channelMajor(), cols, kc, c, scale)
              : convWeightGrad(n.x, ownConvWeightGrad(u.nhwc(), fwd.values[conv.x] as tf.Tensor4D, kc, conv.k, conv.stride, scale)),
          );
          if (g.nodes[conv.x].op !== 'input')
            dx = tf.keep(convInputGrad(u.nhwc(), weight(conv.w) as tf.Tensor4D, conv.k, conv.stride, scale, fwd.values[conv.x].shape));
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
            const cols = ctx.cols.get(id);
            if (!cols) return convWeightGrad(id, ownConvWeightGrad(gOut as tf.Tensor4D, x!, kc, n.k, n.stride, s));
            const dW = weightGrad(toChannelMajor(gOut, kc, cout), cols, kc, cout);
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
        if (src.op === 'shift' && n.k === 1 && n.stride === 2 && consumers[n.x] === 1) {
          // FactorizedReduce's second path reads the shifted input at the even
          // pixels, i.e. its input at the odd ones: spread the gradient there.
          const r = fwd.values[src.x] as tf.Tensor4D;
          if (g.nodes[src.x].op !== 'input')
            addGrad(
              src.x,
              tf.tidy(() => spread2(convInputGrad(gOut as tf.Tensor4D, w, 1, 1, s), r.shape[1], r.shape[2], true)),
            );
          break;
        }
        addGrad(
          n.x,
          tf.tidy(() => convInputGrad(gOut as tf.Tensor4D, w, n.k, n.stride, s, x!.shape)),
        );
        break;
      }
      case 'dwconv': {
        const w = weight(n.w);
        const c = w.shape[3] as number;
        // The own kernel's answer where prepareJacobian left out the patches (kernels/depthwise-grad).
        const patches = ctx.cols.get(id);
        const dW = patches
          ? tf.tidy(() => depthwiseWeightGrad(toChannelMajor(gOut, kc, c), patches, kc, c, s))
          : ownDepthwiseWeightGrad(gOut as tf.Tensor4D, x!, kc, n, s);
        if (!dW) throw new Error(`depthwise layer ${n.w}: no patches, and the own weight-gradient kernel does not run`);
        wgrads.set(n.w, dW);
        if (!needInput) break;
        const target = g.nodes[n.x].op === 'relu' ? ctx.reluRep.get(n.x)! : -1;
        if (target >= 0) {
          // Sent to the ReLU's input with the other depthwise convs that read it (see depthwiseInputGradSum).
          const list = pendingDw.get(target) ?? [];
          list.push({
            g: share(gOut) as tf.Tensor4D,
            flipped: tf.tidy(() => flippedFilter(depthwiseFilter(w), s)),
            dilation: n.dilation,
            stride: n.stride,
          });
          pendingDw.set(target, list);
        } else
          addGrad(
            n.x,
            tf.tidy(() => depthwiseInputGrad(gOut as tf.Tensor4D, depthwiseFilter(w), n.dilation, n.stride, x!.shape[1], x!.shape[2], s)),
          );
        break;
      }
      case 'pool3':
      case 'maxpool3': {
        const rep = ctx.poolRep.get(id)!;
        if (rep !== id) {
          addGrad(rep, share(gOut), s);
          break;
        }
        if (!needInput) break;
        if (n.op === 'maxpool3') {
          const sel = ctx.maxSel.get(id)!;
          const scatter = ctx.maxScatter.get(x!.shape[3])!;
          addGrad(
            n.x,
            tf.tidy(() => maxPoolInputGrad(gOut as tf.Tensor4D, sel, scatter, x!.shape, n.stride)),
            s,
          );
          break;
        }
        const [, h, w, c] = x!.shape;
        const inv = ctx.poolInv.get(`${h}x${w}x${c}/${n.stride}`)!;
        addGrad(
          n.x,
          tf.tidy(() => avgPoolInputGrad(gOut, inv, x!.shape, n.stride, s)),
        );
        break;
      }
      case 'shift': {
        // y[i, j] = x[i + 1, j + 1]: the gradient moves one pixel down and right.
        const [n0, h, w, c] = gOut.shape;
        if (needInput)
          addGrad(
            n.x,
            tf.tidy(() =>
              tf.pad(tf.slice(gOut, [0, 0, 0, 0], [n0, h - 1, w - 1, c]), [
                [0, 0],
                [1, 0],
                [1, 0],
                [0, 0],
              ]),
            ),
            s,
          );
        break;
      }
      case 'concat': {
        const parts = tf.tidy(() =>
          splitChannels(
            gOut,
            n.xs.map((i) => fwd.values[i].shape[3] as number),
          ),
        );
        n.xs.forEach((i, k) => {
          if (g.nodes[i].op === 'input') parts[k].dispose();
          else addGrad(i, parts[k], s);
        });
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
