/**
 * What the batched backward pass reuses across chunks of rows, prepared once
 * per forward pass. The large tensors here are the right-hand operands of the
 * backward's matrix products (XNNPACK packs each once and keeps it with the
 * tensor) and the masks of ReLUs and max pools.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ForwardResult } from '../../model/forward';
import type { Graph } from '../../model/graph';
import { bnExpandOperand } from './bn';
import { im2col } from './conv';
import { ownConvGradRuns } from '../../kernels/conv-weight-grad';
import { ownDwGradRuns } from '../../kernels/depthwise-grad';
import { depthwisePatches } from './depthwise';
import { avgPoolInv, maxPoolScatter, maxPoolSelection } from './pools';

export interface JacobianContext {
  fwd: ForwardResult;
  /**
   * im2col of every conv input, [N, k·k·Cin]; patches of every depthwise conv
   * input, [M, C·k·k], except where the own weight-gradient kernel runs.
   */
  cols: Map<number, tf.Tensor2D>;
  /** Per BatchNorm node, [M, 1 + C] = [1 | x̂] (per-channel sums of g and g·x̂) and its transpose (the expansion back). */
  bnSum: Map<number, tf.Tensor2D>;
  bnExpand: Map<number, tf.Tensor2D>;
  /** 0/1 mask of every representative ReLU, [1, size]. */
  steps: Map<number, tf.Tensor2D>;
  /** ReLU node → the ReLU of the same input whose mask it shares (the lowest id). */
  reluRep: Map<number, number>;
  /** 1 / (window count) of the average pool, broadcast over channels, [1, Ho·Wo·C], by shape and stride. */
  poolInv: Map<string, tf.Tensor2D>;
  /** Pool node → the pool of the same kind, input and stride that applies the (linear) backward for all of them (the lowest id). */
  poolRep: Map<number, number>;
  /** Max pool node (representative) → its window winners ({@link maxPoolSelection}). */
  maxSel: Map<number, tf.Tensor2D>;
  /** The scatter filter of the max-pool backward, by channel count. */
  maxScatter: Map<number, tf.Tensor4D>;
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
    maxSel: new Map(),
    maxScatter: new Map(),
  };
  const firstRelu = new Map<number, number>();
  const firstPool = new Map<string, number>();
  const colsByInput = new Map<string, tf.Tensor2D>();
  /** Layers reading the same ReLU's input read the same values. */
  const inputKey = (x: number) => {
    const src = g.nodes[x];
    return src.op === 'relu' ? `relu:${src.x}` : `node:${x}`;
  };
  const cached = (key: string, make: () => tf.Tensor2D) => {
    let t = colsByInput.get(key);
    if (!t) {
      t = tf.keep(make());
      colsByInput.set(key, t);
    }
    return t;
  };
  tf.tidy(() => {
    g.nodes.forEach((n, id) => {
      if (id > g.pooled) return;
      if (n.op === 'conv') {
        // The own kernel (kernels/conv-weight-grad) reads x itself: no im2col.
        if (ownConvGradRuns()) return;
        // Convs of the same input (the ReLU of one node feeding several edges) share one im2col.
        const x = fwd.values[n.x] as tf.Tensor4D;
        ctx.cols.set(
          id,
          cached(`${inputKey(n.x)}/${n.k}/${n.stride}`, () => im2col(x, n.k, n.stride)),
        );
      }
      if (n.op === 'dwconv') {
        const x = fwd.values[n.x] as tf.Tensor4D;
        // The own kernel (kernels/depthwise-grad) reads x itself: no patches.
        if (ownDwGradRuns(x.shape, n)) return;
        ctx.cols.set(
          id,
          cached(`${inputKey(n.x)}/dw${n.k}/${n.dilation}/${n.stride}`, () => depthwisePatches(x, n.k, n.dilation, n.stride)),
        );
      }
      if (n.op === 'bn') {
        const expand = bnExpandOperand(fwd.bn.get(id)!.xhat);
        ctx.bnExpand.set(id, tf.keep(expand));
        ctx.bnSum.set(id, tf.keep(tf.transpose(expand)));
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
      if (n.op === 'pool3' || n.op === 'maxpool3') {
        const key = `${n.op}:${n.x}/${n.stride}`;
        const rep = firstPool.get(key);
        ctx.poolRep.set(id, rep ?? id);
        if (rep !== undefined) return;
        firstPool.set(key, id);
        const x = fwd.values[n.x] as tf.Tensor4D;
        const [, h, w, c] = x.shape;
        if (n.op === 'maxpool3') {
          ctx.maxSel.set(id, tf.keep(maxPoolSelection(x)));
          if (!ctx.maxScatter.has(c)) ctx.maxScatter.set(c, tf.keep(maxPoolScatter(c)));
          return;
        }
        const shapeKey = `${h}x${w}x${c}/${n.stride}`;
        if (!ctx.poolInv.has(shapeKey)) ctx.poolInv.set(shapeKey, tf.keep(avgPoolInv(h, w, c, n.stride)));
      }
    });
  });
  return ctx;
}

export function disposeJacobianContext(ctx: JacobianContext): void {
  for (const map of [ctx.cols, ctx.bnSum, ctx.bnExpand, ctx.steps, ctx.poolInv, ctx.maxSel, ctx.maxScatter]) {
    // A tensor may serve several nodes (shared im2col): dispose each once.
    for (const t of new Set<tf.Tensor>(map.values())) t.dispose();
    map.clear();
  }
}
