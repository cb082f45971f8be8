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
 * ReLU, convs, BatchNorm, 3 × 3 average pool, zero, sum; in the DARTS space
 * also depthwise and dilated convs, strides of 2, the 3 × 3 max pool,
 * FactorizedReduce's shift and the cell's concatenation): the thin
 * net's tensors are a few numbers per input, and a picture needs no tensor
 * round trip or backend. Training mode runs layer by layer over the batch
 * (the statistics need all of it); with the statistics given, the network is
 * compiled to a per-point program (./frozen-program).
 */
import { BN_EPS } from '../model/forward';
import { type Graph, type LayerNode, layerInputs } from '../model/graph';
import type { Weights } from '../model/weights';
import { type BnStatistics, compileFrozen } from './frozen-program';
import { convTaps, poolTaps, shiftTaps, sizeOf, type Taps } from './layer-taps';

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

/** A layer given by its taps (./layer-taps) over each input of the batch: the sum of the taps, or their maximum. */
function applyTaps(x: Batch, t: Taps, max = false): Batch {
  const inSize = x.h * x.w * x.c;
  const size = sizeOf(t.shape);
  const v = new Float64Array(x.n * size);
  if (max) v.fill(Number.NEGATIVE_INFINITY);
  for (let b = 0; b < x.n; b++) {
    const o = b * size;
    const i = b * inSize;
    for (let k = 0; k < t.dst.length; k++) {
      const a = x.v[i + t.src[k]];
      if (!max) v[o + t.dst[k]] += t.w[k] * a;
      else if (a > v[o + t.dst[k]]) v[o + t.dst[k]] = a;
    }
  }
  return { n: x.n, ...t.shape, v };
}

/** 3 × 3 average around (y·stride, x·stride), padding excluded from the count. */
function pool3(x: Batch, stride: number): Batch {
  const { n, h, w, c } = x;
  const ho = Math.ceil(h / stride);
  const wo = Math.ceil(w / stride);
  const v = new Float64Array(n * ho * wo * c);
  for (let b = 0; b < n; b++)
    for (let y = 0; y < ho; y++)
      for (let xx = 0; xx < wo; xx++)
        for (let i = 0; i < c; i++) {
          let s = 0;
          let count = 0;
          const cy = y * stride;
          const cx = xx * stride;
          for (let sy = Math.max(0, cy - 1); sy <= Math.min(h - 1, cy + 1); sy++)
            for (let sx = Math.max(0, cx - 1); sx <= Math.min(w - 1, cx + 1); sx++) {
              s += x.v[((b * h + sy) * w + sx) * c + i];
              count++;
            }
          v[((b * ho + y) * wo + xx) * c + i] = s / count;
        }
  return { n, h: ho, w: wo, c, v };
}

/** Concatenation along channels. */
function concat(xs: Batch[]): Batch {
  const { n, h, w } = xs[0];
  const c = xs.reduce((a, x) => a + x.c, 0);
  const v = new Float64Array(n * h * w * c);
  for (let p = 0; p < n * h * w; p++) {
    let off = p * c;
    for (const x of xs) {
      v.set(x.v.subarray(p * x.c, (p + 1) * x.c), off);
      off += x.c;
    }
  }
  return { n, h, w, c, v };
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
    case 'dwconv': {
      const depthwise = node.op === 'dwconv';
      const opts = { stride: node.stride, dilation: depthwise ? node.dilation : 1, depthwise };
      return applyTaps(x!, convTaps(x!, weight(weights, node.w), node.k, 0, opts));
    }
    case 'bn': {
      const s = channelStats(x!);
      stats.set(id, s);
      const gamma = weight(weights, node.gamma);
      const beta = weight(weights, node.beta);
      const c = x!.c;
      return { ...x!, v: x!.v.map((a, j) => gamma[j % c] * ((a - s.mean[j % c]) / Math.sqrt(s.variance[j % c] + BN_EPS)) + beta[j % c]) };
    }
    case 'pool3':
      return pool3(x!, node.stride);
    case 'maxpool3':
      return applyTaps(x!, poolTaps(x!, 0, node.stride, true), true);
    case 'shift':
      return applyTaps(x!, shiftTaps(x!, 0));
    case 'concat':
      return concat(node.xs.map((i) => values[i]));
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
    for (const x of layerInputs(node)) lastUse.set(x, id);
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
