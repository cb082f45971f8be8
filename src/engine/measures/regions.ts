/**
 * R_N, the number of linear regions (expressivity: higher is better).
 *
 * Each input's activation pattern is the sign (1 if > 0, else 0) of every
 * ReLU output acting on a 4-D tensor: the ReLU in front of each active conv op
 * (once per op) and the final one. R_N is the number of distinct patterns.
 * Patterns are packed into 32-bit words and counted with a hash set, O(n·d).
 */
import * as tf from '@tensorflow/tfjs-core';
import { forward } from '../model/forward';
import type { Graph } from '../model/graph';
import type { TensorWeights } from '../model/weights';

/** Counts distinct bit patterns; feed rows of 0/1 values in batches. */
export class PatternCounter {
  private readonly seen = new Set<string>();
  private words: Uint32Array;
  count = 0;

  constructor(readonly neurons: number) {
    this.words = new Uint32Array(Math.ceil(neurons / 32));
  }

  /** Adds n patterns given as n × neurons row-major 0/1 values. */
  add(bits: ArrayLike<number>, n: number): void {
    const d = this.neurons;
    if (bits.length !== n * d) throw new Error(`expected ${n * d} bits, got ${bits.length}`);
    for (let i = 0; i < n; i++) {
      this.words.fill(0);
      const o = i * d;
      for (let j = 0; j < d; j++) if (bits[o + j]) this.words[j >>> 5] |= 1 << (j & 31);
      this.seen.add(String.fromCharCode(...new Uint16Array(this.words.buffer)));
      this.count++;
    }
  }

  get distinct(): number {
    return this.seen.size;
  }
}

export interface RegionsResult {
  /** Number of distinct activation patterns (R_N). */
  regions: number;
  /** Length of one pattern. */
  neurons: number;
  /** Inputs seen. */
  samples: number;
}

/** The 0/1 activation patterns of one batch, [n × neurons]. */
export async function activationPatterns(
  g: Graph,
  weights: TensorWeights,
  input: tf.Tensor4D,
): Promise<{ bits: Uint8Array; neurons: number }> {
  const last = Math.max(...g.relus);
  const t = tf.tidy(() => {
    const { values } = forward(g, weights, input, { until: last });
    const n = input.shape[0];
    const flat = g.relus.map((id) => tf.reshape(tf.greater(values[id], 0), [n, -1]));
    return tf.cast(tf.concat(flat, 1), 'int32') as tf.Tensor2D;
  });
  try {
    const data = await t.data();
    return { bits: Uint8Array.from(data as Int32Array), neurons: t.shape[1] };
  } finally {
    t.dispose();
  }
}

/** R_N over several batches (each a separate training-mode forward pass), pooled. */
export async function countRegions(g: Graph, weights: TensorWeights, batches: tf.Tensor4D[]): Promise<RegionsResult> {
  let counter: PatternCounter | null = null;
  for (const b of batches) {
    const { bits, neurons } = await activationPatterns(g, weights, b);
    counter ??= new PatternCounter(neurons);
    counter.add(bits, b.shape[0]);
  }
  if (!counter) throw new Error('no input batches');
  return { regions: counter.distinct, neurons: counter.neurons, samples: counter.count };
}
