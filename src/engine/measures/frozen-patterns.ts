/**
 * Activation patterns of a thin network at any input points, with its
 * BatchNorms frozen at the statistics of a reference batch.
 *
 * R_N counts patterns in training mode: every BatchNorm normalises with the
 * statistics of the batch being measured (1000 crops), so within one batch
 * the network is one piecewise-linear function of its input, and R_N counts
 * its linear regions that the batch's crops fall into. A point's pattern in
 * training mode depends on the batch around it, so the points of a picture
 * (40,000 of them) cannot simply be run as a batch: they would draw another
 * function. Here the statistics are taken from the reference batch once
 * (training mode, as regions.ts measures it), then held fixed for the
 * points — the same function the search measured. The reference batch's own
 * patterns come out as activationPatterns (regions.ts, tfjs, float32) gives
 * them, up to float rounding (this is float64).
 *
 * Plain TypeScript over the graph's layers that a thin net uses (input,
 * ReLU, stride-1 convs, BatchNorm, 3 × 3 average pool, zero, sum): the thin
 * net's tensors are a few numbers per input, and a picture needs no tensor
 * round trip or backend. Training mode runs layer by layer over the batch
 * (the statistics need all of it); with the statistics given, the network is
 * compiled to a per-point program (./frozen-program).
 */
import { BN_EPS } from '../model/forward';
import type { Graph, LayerNode } from '../model/graph';
import type { Weights } from '../model/weights';
import { type BnStatistics, compileFrozen } from './frozen-program';

/** A batch of NHWC values in float64. */
interface Batch {
  n: number;
  h: number;
  w: number;
  c: number;
  v: Float64Array;
}

export type { BnStatistics };

export interface FrozenPatterns {
  /** [n × neurons] 0/1, the ReLUs in the graph's order (as activationPatterns). */
  bits: Uint8Array;
  neurons: number;
  /** The statistics used: measured on this batch (training mode) or the ones given. */
  stats: BnStatistics;
}

function weight(weights: Weights, name: string): Float32Array {
  const w = weights.get(name);
  if (!w) throw new Error(`no weights for parameter ${name}`);
  return w;
}

/** Stride-1 convolution with PyTorch's symmetric zero padding; w in PyTorch layout [out, in, k, k]. */
function conv(x: Batch, w: Float32Array, k: number): Batch {
  const { n, h, w: wd, c } = x;
  const out = w.length / (c * k * k);
  const v = new Float64Array(n * h * wd * out);
  const p = (k - 1) / 2;
  for (let b = 0; b < n; b++)
    for (let y = 0; y < h; y++)
      for (let xx = 0; xx < wd; xx++)
        for (let o = 0; o < out; o++) {
          let s = 0;
          for (let i = 0; i < c; i++)
            for (let dy = 0; dy < k; dy++) {
              const sy = y + dy - p;
              if (sy < 0 || sy >= h) continue;
              for (let dx = 0; dx < k; dx++) {
                const sx = xx + dx - p;
                if (sx < 0 || sx >= wd) continue;
                s += w[((o * c + i) * k + dy) * k + dx] * x.v[((b * h + sy) * wd + sx) * c + i];
              }
            }
          v[((b * h + y) * wd + xx) * out + o] = s;
        }
  return { n, h, w: wd, c: out, v };
}

/** 3 × 3 average, stride 1, padding excluded from the count. */
function pool3(x: Batch): Batch {
  const { n, h, w, c } = x;
  const v = new Float64Array(x.v.length);
  for (let b = 0; b < n; b++)
    for (let y = 0; y < h; y++)
      for (let xx = 0; xx < w; xx++)
        for (let i = 0; i < c; i++) {
          let s = 0;
          let count = 0;
          for (let sy = Math.max(0, y - 1); sy <= Math.min(h - 1, y + 1); sy++)
            for (let sx = Math.max(0, xx - 1); sx <= Math.min(w - 1, xx + 1); sx++) {
              s += x.v[((b * h + sy) * w + sx) * c + i];
              count++;
            }
          v[((b * h + y) * w + xx) * c + i] = s / count;
        }
  return { ...x, v };
}

function channelStats(x: Batch): { mean: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(x.c);
  const variance = new Float64Array(x.c);
  const count = x.v.length / x.c;
  for (let j = 0; j < x.v.length; j++) mean[j % x.c] += x.v[j];
  for (let i = 0; i < x.c; i++) mean[i] /= count;
  for (let j = 0; j < x.v.length; j++) variance[j % x.c] += (x.v[j] - mean[j % x.c]) ** 2;
  for (let i = 0; i < x.c; i++) variance[i] /= count;
  return { mean, variance };
}

function layer(node: LayerNode, id: number, values: Batch[], weights: Weights, stats: BnStatistics): Batch {
  const x = 'x' in node ? values[node.x] : undefined;
  switch (node.op) {
    case 'relu':
      return { ...x!, v: x!.v.map((a) => Math.max(a, 0)) };
    case 'conv':
      if (node.stride !== 1) throw new Error('frozen patterns: only stride-1 convs (a thin net has no other)');
      return conv(x!, weight(weights, node.w), node.k);
    case 'bn': {
      const s = channelStats(x!);
      stats.set(id, s);
      const gamma = weight(weights, node.gamma);
      const beta = weight(weights, node.beta);
      const c = x!.c;
      return { ...x!, v: x!.v.map((a, j) => gamma[j % c] * ((a - s.mean[j % c]) / Math.sqrt(s.variance[j % c] + BN_EPS)) + beta[j % c]) };
    }
    case 'pool3':
      if (node.stride !== 1) throw new Error('frozen patterns: only stride-1 pools (a thin net has no other)');
      return pool3(x!);
    case 'zero':
      return { ...x!, v: new Float64Array(x!.v.length) };
    case 'sum': {
      const first = values[node.terms[0].x];
      const v = new Float64Array(first.v.length);
      for (const t of node.terms) {
        const tv = values[t.x].v;
        for (let j = 0; j < v.length; j++) v[j] += t.scale * tv[j];
      }
      return { ...first, v };
    }
    default:
      throw new Error(`frozen patterns: layer ${node.op} is not part of a thin net`);
  }
}

/**
 * The patterns of `n` inputs (`[n, h, w, c]` row-major): with `stats`
 * undefined in training mode (the statistics measured on these inputs and
 * returned), else with the given statistics.
 */
export function frozenPatterns(
  g: Graph,
  weights: Weights,
  input: ArrayLike<number>,
  shape: [number, number, number, number],
  stats?: BnStatistics,
): FrozenPatterns {
  const [n, h, w, c] = shape;
  if (input.length !== n * h * w * c) throw new Error(`expected ${n * h * w * c} input values, got ${input.length}`);
  if (stats) {
    const program = compileFrozen(g, weights, stats, [h, w, c]);
    const bits = new Uint8Array(n * program.neurons);
    program.run(input, n, bits);
    return { bits, neurons: program.neurons, stats };
  }
  return trainingPatterns(g, weights, { n, h, w, c, v: Float64Array.from(input) });
}

/** Layer by layer over the whole batch, each BatchNorm with the batch's statistics (recorded). */
function trainingPatterns(g: Graph, weights: Weights, input: Batch): FrozenPatterns {
  const { n } = input;
  const stats: BnStatistics = new Map();
  const until = Math.max(...g.relus);
  // Free each value after its last reader.
  const lastUse = new Map<number, number>();
  g.nodes.forEach((node, id) => {
    if ('x' in node) lastUse.set(node.x, id);
    if (node.op === 'sum') for (const t of node.terms) lastUse.set(t.x, id);
  });
  const relus = new Set(g.relus);
  const values: Batch[] = [];
  const patterns: Batch[] = [];
  for (let id = 0; id <= until; id++) {
    const node = g.nodes[id];
    values[id] = node.op === 'input' ? input : layer(node, id, values, weights, stats);
    if (relus.has(id)) patterns.push(values[id]);
    for (const [src, last] of lastUse) if (last === id) delete values[src];
  }
  const neurons = patterns.reduce((s, p) => s + p.v.length / n, 0);
  const bits = new Uint8Array(n * neurons);
  let offset = 0;
  for (const p of patterns) {
    const d = p.v.length / n;
    for (let b = 0; b < n; b++) for (let j = 0; j < d; j++) bits[b * neurons + offset + j] = p.v[b * d + j] > 0 ? 1 : 0;
    offset += d;
  }
  return { bits, neurons, stats };
}
