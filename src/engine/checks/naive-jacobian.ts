/**
 * The reference way to get J: one tfjs autodiff call per row, each re-running
 * the whole-batch forward pass (what the official code does with
 * `logit[i].backward()` per sample). Slow; kept as an independent check of
 * the batched backward in {@link jacobianRows} and as the benchmark baseline.
 */
import * as tf from '@tensorflow/tfjs-core';
import { forward } from '../model/forward';
import type { Graph } from '../model/graph';
import { jacobianParams, paramSize } from '../model/graph';
import type { TensorWeights } from '../model/weights';

export async function naiveJacobian(
  g: Graph,
  weights: TensorWeights,
  input: tf.Tensor4D,
  opts: { rows?: number } = {},
): Promise<{ J: Float32Array; rows: number; cols: number }> {
  const params = jacobianParams(g);
  const cols = params.reduce((a, p) => a + paramSize(p), 0);
  const rows = opts.rows ?? input.shape[0];
  const autodiffSafe = tf.getBackend() === 'wasm';
  const J = new Float32Array(rows * cols);
  const names = params.map((p) => p.name);
  const xs = names.map((n) => weights.get(n)!);
  for (let i = 0; i < rows; i++) {
    const row = tf.tidy(() => {
      const f = (...ws: tf.Tensor[]) => {
        const local = new Map(weights);
        for (const [k, n] of names.entries()) local.set(n, ws[k]);
        const { values } = forward(g, local, input, { autodiffSafe, autodiff: true });
        return tf.sum(tf.slice(values[g.logits] as tf.Tensor2D, [i, 0], [1, -1]));
      };
      const grads = tf.grads(f)(xs);
      return tf.concat(grads.map((t) => tf.reshape(t, [-1])));
    });
    J.set((await row.data()) as Float32Array, i * cols);
    row.dispose();
  }
  return { J, rows, cols };
}
