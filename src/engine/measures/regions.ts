/**
 * R_N, the number of linear regions (expressivity: higher is better).
 *
 * Each input's activation pattern is the sign (1 if > 0, else 0) of every
 * ReLU output acting on a 4-D tensor: the ReLU in front of each active conv op
 * (once per op) and the final one. R_N is the number of distinct patterns;
 * ReLUs of the same input repeat the same bits, so the count reads each
 * input's once (the same count; `neurons` still says the full length).
 * Patterns are packed into 32-bit words and counted with a hash set, O(n·d).
 */
import * as tf from '@tensorflow/tfjs-core';
import { forward } from '../model/forward';
import type { Graph } from '../model/graph';
import type { TensorWeights } from '../model/weights';
import { groupWeights } from './region-groups';

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

/** The ReLUs whose signs form the pattern; with `unique`, one per distinct input (a ReLU of the same input repeats the same bits). */
function patternRelus(g: Graph, unique: boolean): number[] {
  if (!unique) return g.relus;
  const seen = new Set<number>();
  return g.relus.filter((id) => {
    const n = g.nodes[id];
    if (n.op !== 'relu' || seen.has(n.x)) return false;
    seen.add(n.x);
    return true;
  });
}

/**
 * The 0/1 activation patterns of one batch, [n × neurons] row-major, the
 * ReLUs in the graph's order (`unique`: each input's ReLU once, the same
 * distinct patterns with fewer bits). The ReLU outputs are gathered as
 * whole blocks ([size, n] each, stacked), signed once, and read back once.
 */
export async function activationPatterns(
  g: Graph,
  weights: TensorWeights,
  input: tf.Tensor4D,
  opts: { unique?: boolean } = {},
): Promise<{ bits: Uint8Array; neurons: number; patternLength: number }> {
  const relus = patternRelus(g, !!opts.unique);
  const last = Math.max(...g.relus);
  const n = input.shape[0];
  let patternLength = 0;
  const t = tf.tidy(() => {
    const { values } = forward(g, weights, input, { until: last, bnCache: false });
    for (const id of g.relus) patternLength += values[id].size / n;
    const blocks = relus.map((id) => tf.transpose(tf.reshape(values[id], [n, -1])));
    return tf.cast(tf.greater(tf.concat(blocks, 0), 0), 'int32') as tf.Tensor2D;
  });
  try {
    const cols = (await t.data()) as Int32Array;
    const d = t.shape[0];
    const bits = new Uint8Array(n * d);
    for (let j = 0; j < d; j++) for (let i = 0; i < n; i++) bits[i * d + j] = cols[j * n + i];
    return { bits, neurons: d, patternLength };
  } finally {
    t.dispose();
  }
}

/**
 * The 0/1 patterns of G equal one-channel batches from one forward pass with
 * the batches as channel groups (./region-groups): per batch, the same bits
 * in the same order as {@link activationPatterns} with `unique`.
 */
export async function groupedPatterns(
  g: Graph,
  weights: TensorWeights,
  batches: readonly tf.Tensor4D[],
): Promise<{ bits: Uint8Array[]; neurons: number; patternLength: number }> {
  const G = batches.length;
  const relus = patternRelus(g, true);
  const last = Math.max(...g.relus);
  const n = batches[0].shape[0];
  let patternLength = 0;
  const wide = groupWeights(g, weights, G, last);
  for (const [name, t] of weights) if (!wide.has(name)) wide.set(name, t);
  let t: tf.Tensor2D;
  try {
    t = tf.tidy(() => {
      // [G, n·h·w] as whole rows, then one transpose (wasm's channel-axis concat copies a value at a time).
      const [, h, w] = batches[0].shape;
      const rows = tf.concat(
        batches.map((b) => tf.reshape(b, [1, b.size])),
        0,
      );
      const input = tf.reshape(tf.transpose(rows), [n, h, w, G]) as tf.Tensor4D;
      const { values } = forward(g, wide, input, { until: last, bnCache: false });
      for (const id of g.relus) patternLength += values[id].size / n / G;
      // Rows (position, channel, group) of each block: group g's bits are the rows r with r % G = g, in order.
      const blocks = relus.map((id) => tf.transpose(tf.reshape(values[id], [n, -1])));
      return tf.cast(tf.greater(tf.concat(blocks, 0), 0), 'int32') as tf.Tensor2D;
    });
  } finally {
    for (const [name, w] of wide) if (weights.get(name) !== w) w.dispose();
  }
  try {
    const cols = (await t.data()) as Int32Array;
    const d = t.shape[0] / G;
    const bits = batches.map((_, q) => {
      const b = new Uint8Array(n * d);
      for (let j = 0; j < d; j++) {
        const o = (j * G + q) * n;
        for (let i = 0; i < n; i++) b[i * d + j] = cols[o + i];
      }
      return b;
    });
    return { bits, neurons: d, patternLength };
  } finally {
    t.dispose();
  }
}

/** Batches that can share one grouped pass: several, one channel each, all of one shape. */
function groupable(batches: readonly tf.Tensor4D[]): boolean {
  const s = batches[0]?.shape;
  return batches.length > 1 && s[3] === 1 && batches.every((b) => b.shape.every((v, i) => v === s[i]));
}

/**
 * R_N over several batches (each its own training-mode forward pass, as the
 * official code does), pooled; `neurons` is the full pattern length. Equal
 * one-channel batches run as channel groups of one pass (the same patterns).
 */
export async function countRegions(g: Graph, weights: TensorWeights, batches: tf.Tensor4D[]): Promise<RegionsResult> {
  return (await countRegionsSets(g, weights, [batches]))[0];
}

/**
 * R_N of each set of batches (each set pooled, as {@link countRegions}) with
 * the same weights: when every batch is groupable, all the sets' batches run
 * as channel groups of one forward pass.
 */
export async function countRegionsSets(g: Graph, weights: TensorWeights, sets: readonly tf.Tensor4D[][]): Promise<RegionsResult[]> {
  const all = sets.flat();
  if (groupable(all)) {
    const { bits, neurons, patternLength } = await groupedPatterns(g, weights, all);
    let q = 0;
    return sets.map((set) => {
      if (set.length === 0) throw new Error('no input batches');
      const counter = new PatternCounter(neurons);
      for (const b of set) counter.add(bits[q++], b.shape[0]);
      return { regions: counter.distinct, neurons: patternLength, samples: counter.count };
    });
  }
  const out: RegionsResult[] = [];
  for (const set of sets) out.push(await separateRegions(g, weights, set));
  return out;
}

async function separateRegions(g: Graph, weights: TensorWeights, batches: tf.Tensor4D[]): Promise<RegionsResult> {
  let counter: PatternCounter | null = null;
  let length = 0;
  for (const b of batches) {
    const { bits, neurons, patternLength } = await activationPatterns(g, weights, b, { unique: true });
    counter ??= new PatternCounter(neurons);
    counter.add(bits, b.shape[0]);
    length = patternLength;
  }
  if (!counter) throw new Error('no input batches');
  return { regions: counter.distinct, neurons: length, samples: counter.count };
}
