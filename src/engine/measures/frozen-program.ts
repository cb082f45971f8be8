/**
 * A thin network with frozen BatchNorm statistics as a straight-line program
 * over one input point: every layer up to the last ReLU becomes a linear map
 * given by its taps (out[o] += w · in[i]: convs, depthwise convs, average
 * pools, BatchNorm as scale and shift, sums, shifts, concatenations), a max
 * pool (out[o] = max over its taps) or a ReLU, over slots of one float64
 * scratch buffer: the thin networks of both spaces (NAS-Bench-201's cell, the
 * DARTS space's normal and reduction cells with their strided ops).
 * Run over blocks of points (every tap a loop down the block, no allocation),
 * the 40,000 patterns of a picture take tens of milliseconds.
 */
import { BN_EPS } from '../model/forward';
import type { Graph, LayerNode } from '../model/graph';
import type { Weights } from '../model/weights';
import { concatTaps, convTaps, poolTaps, type Shape, shiftTaps, sizeOf, type Taps } from './layer-taps';

/** Per-channel mean and biased variance of each BatchNorm's input, by node id. */
export type BnStatistics = Map<number, { mean: Float64Array; variance: Float64Array }>;

/** Points evaluated together. */
const BLOCK = 128;
const INPUT = 0;
const RELU = 1;
const TAPS = 2;
const MAX = 3;

/**
 * One step, all of one shape (a monomorphic loop): INPUT copies the point to
 * `out`; RELU writes max(x, 0); TAPS writes out[o] = bias[o] + Σ w[t] · buf[src[t]]
 * over the taps t with dst[t] = o; MAX writes out[o] = max buf[src[t]] over them.
 */
interface Step {
  kind: number;
  out: number;
  x: number;
  size: number;
  bias: Float64Array;
  dst: Int32Array;
  src: Int32Array;
  w: Float64Array;
}

const NONE = { x: 0, bias: new Float64Array(0), dst: new Int32Array(0), src: new Int32Array(0), w: new Float64Array(0) };

export interface FrozenProgram {
  /** Values of one point: h × w × c. */
  inputSize: number;
  neurons: number;
  /** Writes the 0/1 patterns of the n points x ([n × inputSize]) into bits ([n × neurons]). */
  run(x: ArrayLike<number>, n: number, bits: Uint8Array): void;
}

function weight(weights: Weights, name: string): Float32Array {
  const w = weights.get(name);
  if (!w) throw new Error(`no weights for parameter ${name}`);
  return w;
}

/** Compiles `g` up to its last ReLU for points of `inputShape` ([h, w, c]) with the given BatchNorm statistics. */
export function compileFrozen(g: Graph, weights: Weights, stats: BnStatistics, inputShape: [number, number, number]): FrozenProgram {
  const until = Math.max(...g.relus);
  const shapes: Shape[] = [];
  const slots: number[] = [];
  const steps: Step[] = [];
  let total = 0;
  const slot = (id: number, s: Shape) => {
    shapes[id] = s;
    slots[id] = total;
    total += sizeOf(s);
    return slots[id];
  };
  const taps = (out: number, size: number, t: Omit<Taps, 'shape'>, bias = new Float64Array(size), kind = TAPS) => {
    steps.push({ kind, out, x: 0, size, bias, dst: Int32Array.from(t.dst), src: Int32Array.from(t.src), w: Float64Array.from(t.w) });
  };
  const reluOf = new Map<number, number>();
  for (let id = 0; id <= until; id++) {
    const node: LayerNode = g.nodes[id];
    if (node.op === 'input') {
      const s = { h: inputShape[0], w: inputShape[1], c: inputShape[2] };
      steps.push({ ...NONE, kind: INPUT, out: slot(id, s), size: sizeOf(s) });
      continue;
    }
    if (node.op === 'sum') {
      const s = shapes[node.terms[0].x];
      const n = sizeOf(s);
      const t = { dst: [] as number[], src: [] as number[], w: [] as number[] };
      for (let j = 0; j < n; j++)
        for (const term of node.terms) {
          t.dst.push(j);
          t.src.push(slots[term.x] + j);
          t.w.push(term.scale);
        }
      taps(slot(id, s), n, t);
      continue;
    }
    if (node.op === 'concat') {
      const c = concatTaps(
        node.xs.map((x) => shapes[x]),
        node.xs.map((x) => slots[x]),
      );
      taps(slot(id, c.shape), sizeOf(c.shape), c);
      continue;
    }
    if (!('x' in node)) throw new Error(`frozen patterns: layer ${(node as LayerNode).op} is not part of a thin net`);
    const s = shapes[node.x];
    const xs = slots[node.x];
    const n = sizeOf(s);
    const identity = (scale: (j: number) => number) => ({
      dst: Array.from({ length: n }, (_, j) => j),
      src: Array.from({ length: n }, (_, j) => xs + j),
      w: Array.from({ length: n }, (_, j) => scale(j)),
    });
    switch (node.op) {
      case 'relu': {
        // A ReLU of a value already rectified repeats its bits: the same slot, no step.
        const same = reluOf.get(node.x);
        if (same !== undefined) {
          shapes[id] = shapes[same];
          slots[id] = slots[same];
          break;
        }
        reluOf.set(node.x, id);
        steps.push({ ...NONE, kind: RELU, out: slot(id, s), x: xs, size: n });
        break;
      }
      case 'conv':
      case 'dwconv': {
        const depthwise = node.op === 'dwconv';
        const opts = { stride: node.stride, dilation: depthwise ? node.dilation : 1, depthwise };
        const c = convTaps(s, weight(weights, node.w), node.k, xs, opts);
        taps(slot(id, c.shape), sizeOf(c.shape), c);
        break;
      }
      case 'bn': {
        const st = stats.get(id);
        if (!st) throw new Error(`no BatchNorm statistics for node ${id}`);
        const gamma = weight(weights, node.gamma);
        const beta = weight(weights, node.beta);
        const scale = (j: number) => gamma[j % s.c] / Math.sqrt(st.variance[j % s.c] + BN_EPS);
        const bias = Float64Array.from({ length: n }, (_, j) => beta[j % s.c] - st.mean[j % s.c] * scale(j));
        taps(slot(id, s), n, identity(scale), bias);
        break;
      }
      case 'pool3':
      case 'maxpool3': {
        const max = node.op === 'maxpool3';
        const t = poolTaps(s, xs, node.stride, max);
        taps(slot(id, t.shape), sizeOf(t.shape), t, undefined, max ? MAX : TAPS);
        break;
      }
      case 'shift':
        taps(slot(id, s), n, shiftTaps(s, xs));
        break;
      case 'zero':
        taps(slot(id, s), n, { dst: [], src: [], w: [] });
        break;
      default:
        throw new Error(`frozen patterns: layer ${node.op} is not part of a thin net`);
    }
  }
  const patternSlots = g.relus.map((id) => ({ at: slots[id], size: sizeOf(shapes[id]) }));
  const neurons = patternSlots.reduce((a, p) => a + p.size, 0);
  const inputSize = inputShape[0] * inputShape[1] * inputShape[2];
  // Slot-major over a block of points: buf[slot · BLOCK + point], so every tap runs down a block of points.
  const buf = new Float64Array(total * BLOCK);
  const run = (x: ArrayLike<number>, n: number, bits: Uint8Array) => {
    for (let p0 = 0; p0 < n; p0 += BLOCK) {
      const m = Math.min(BLOCK, n - p0);
      for (let k = 0; k < steps.length; k++) {
        const st = steps[k];
        const out = st.out * BLOCK;
        if (st.kind === INPUT) {
          for (let j = 0; j < st.size; j++) for (let p = 0; p < m; p++) buf[out + j * BLOCK + p] = x[(p0 + p) * inputSize + j];
        } else if (st.kind === RELU) {
          const xs = st.x * BLOCK;
          for (let j = 0; j < st.size * BLOCK; j++) buf[out + j] = Math.max(buf[xs + j], 0);
        } else if (st.kind === MAX) {
          const { dst, src } = st;
          buf.fill(Number.NEGATIVE_INFINITY, out, out + st.size * BLOCK);
          for (let t = 0; t < dst.length; t++) {
            const o = out + dst[t] * BLOCK;
            const i = src[t] * BLOCK;
            for (let p = 0; p < BLOCK; p++) if (buf[i + p] > buf[o + p]) buf[o + p] = buf[i + p];
          }
        } else {
          const { bias, dst, src, w } = st;
          for (let j = 0; j < st.size; j++) buf.fill(bias[j], out + j * BLOCK, out + (j + 1) * BLOCK);
          for (let t = 0; t < dst.length; t++) {
            const o = out + dst[t] * BLOCK;
            const i = src[t] * BLOCK;
            const wt = w[t];
            for (let p = 0; p < BLOCK; p++) buf[o + p] += wt * buf[i + p];
          }
        }
      }
      let b = 0;
      for (const ps of patternSlots)
        for (let j = 0; j < ps.size; j++, b++) {
          const at = (ps.at + j) * BLOCK;
          for (let p = 0; p < m; p++) bits[(p0 + p) * neurons + b] = buf[at + p] > 0 ? 1 : 0;
        }
    }
  };
  return { inputSize, neurons, run };
}
