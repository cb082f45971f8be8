/**
 * Several equal batches of R_N inputs in one forward pass: batch g of G goes
 * in as channel group g (channel c·G + g holds channel c of batch g), and the
 * weights are widened to match — a conv's filter block-diagonal over the
 * groups, a depthwise filter and BatchNorm's γ and β repeated per group. Every
 * layer of a network acts per channel or mixes channels only through a conv,
 * so each group sees exactly its own batch's forward pass: BatchNorm's batch
 * statistics are per channel, hence per batch; a widened conv adds only exact
 * zeros (0·v) to each output's sum. One pass of G-times-wider tensors costs
 * far fewer kernel calls than G passes (the thin networks' tensors are tiny,
 * [1000, 3, 3, 1]: on wasm the per-call overhead dominates).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Graph } from '../model/graph';
import type { TensorWeights } from '../model/weights';

/** The weights widened to G channel groups, for the nodes up to `until` (new tensors: dispose them). */
export function groupWeights(g: Graph, weights: TensorWeights, groups: number, until: number): TensorWeights {
  const out: TensorWeights = new Map();
  const G = groups;
  const get = (name: string) => {
    const t = weights.get(name);
    if (!t) throw new Error(`no tensor for parameter ${name}`);
    return t;
  };
  for (let id = 0; id <= until; id++) {
    const n = g.nodes[id];
    if (n.op === 'conv' && !out.has(n.w)) {
      const w = get(n.w);
      const [kh, kw, cin, cout] = w.shape;
      const v = w.dataSync();
      const d = new Float32Array(kh * kw * cin * G * cout * G);
      for (let t = 0; t < kh * kw; t++)
        for (let i = 0; i < cin; i++)
          for (let o = 0; o < cout; o++) {
            const x = v[(t * cin + i) * cout + o];
            for (let q = 0; q < G; q++) d[(t * cin * G + i * G + q) * cout * G + o * G + q] = x;
          }
      out.set(n.w, tf.tensor4d(d, [kh, kw, cin * G, cout * G]));
    } else if (n.op === 'dwconv' && !out.has(n.w)) {
      // Layout [k, k, 1, C] (see depthwiseFilter): the last axis repeated per group.
      const w = get(n.w);
      out.set(n.w, repeatLast(w, G, [n.k, n.k, 1, (w.size / (n.k * n.k)) * G]));
    } else if (n.op === 'bn') {
      for (const name of [n.gamma, n.beta]) if (!out.has(name)) out.set(name, repeatLast(get(name), G, [get(name).size * G]));
    } else if (n.op === 'linear' || n.op === 'gap') throw new Error('grouped passes stop before the classifier');
  }
  return out;
}

/** Each value of the last axis repeated G times in place (c → c·G + g). */
function repeatLast(t: tf.Tensor, G: number, shape: number[]): tf.Tensor {
  const v = t.dataSync();
  const d = new Float32Array(v.length * G);
  for (let i = 0; i < v.length; i++) d.fill(v[i], i * G, (i + 1) * G);
  return tf.tensor(d, shape);
}
