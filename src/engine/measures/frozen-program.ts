/**
 * A thin network with frozen BatchNorm statistics as a straight-line program
 * over one input point: every layer up to the last ReLU becomes a linear map
 * given by its taps (out[o] += w · in[i]: convs, average pools, BatchNorm as
 * scale and shift, sums) or a ReLU, over slots of one float64 scratch buffer.
 * Run over blocks of points (every tap a loop down the block, no allocation),
 * the 40,000 patterns of a picture take tens of milliseconds.
 */
import { BN_EPS } from '../model/forward';
import type { Graph, LayerNode } from '../model/graph';
import type { Weights } from '../model/weights';

/** Per-channel mean and biased variance of each BatchNorm's input, by node id. */
export type BnStatistics = Map<number, { mean: Float64Array; variance: Float64Array }>;

/** Points evaluated together. */
const BLOCK = 128;
const INPUT = 0;
const RELU = 1;
const TAPS = 2;

/**
 * One step, all of one shape (a monomorphic loop): INPUT copies the point to
 * `out`; RELU writes max(x, 0); TAPS writes out[o] = bias[o] + Σ w[t] · buf[src[t]]
 * over the taps t with dst[t] = o.
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

interface Shape {
  h: number;
  w: number;
  c: number;
}
const sizeOf = (s: Shape) => s.h * s.w * s.c;

function weight(weights: Weights, name: string): Float32Array {
  const w = weights.get(name);
  if (!w) throw new Error(`no weights for parameter ${name}`);
  return w;
}

/** Taps of a stride-1 k × k conv with symmetric zero padding (weights [out, in, k, k]). */
function convTaps(s: Shape, w: Float32Array, k: number, xs: number) {
  const out = w.length / (s.c * k * k);
  const dst: number[] = [];
  const src: number[] = [];
  const ws: number[] = [];
  const p = (k - 1) / 2;
  for (let y = 0; y < s.h; y++)
    for (let x = 0; x < s.w; x++)
      for (let o = 0; o < out; o++)
        for (let i = 0; i < s.c; i++)
          for (let dy = 0; dy < k; dy++)
            for (let dx = 0; dx < k; dx++) {
              const sy = y + dy - p;
              const sx = x + dx - p;
              if (sy < 0 || sy >= s.h || sx < 0 || sx >= s.w) continue;
              dst.push((y * s.w + x) * out + o);
              src.push(xs + (sy * s.w + sx) * s.c + i);
              ws.push(w[((o * s.c + i) * k + dy) * k + dx]);
            }
  return { shape: { ...s, c: out }, dst, src, w: ws };
}

/** Taps of the 3 × 3 average pool, stride 1, padding not counted. */
function poolTaps(s: Shape, xs: number) {
  const dst: number[] = [];
  const src: number[] = [];
  const ws: number[] = [];
  for (let y = 0; y < s.h; y++)
    for (let x = 0; x < s.w; x++) {
      const ys = [y - 1, y, y + 1].filter((v) => v >= 0 && v < s.h);
      const xsr = [x - 1, x, x + 1].filter((v) => v >= 0 && v < s.w);
      for (let i = 0; i < s.c; i++)
        for (const sy of ys)
          for (const sx of xsr) {
            dst.push((y * s.w + x) * s.c + i);
            src.push(xs + (sy * s.w + sx) * s.c + i);
            ws.push(1 / (ys.length * xsr.length));
          }
    }
  return { dst, src, w: ws };
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
  const taps = (out: number, size: number, t: { dst: number[]; src: number[]; w: number[] }, bias = new Float64Array(size)) => {
    steps.push({ kind: TAPS, out, x: 0, size, bias, dst: Int32Array.from(t.dst), src: Int32Array.from(t.src), w: Float64Array.from(t.w) });
  };
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
    if (!('x' in node)) throw new Error(`frozen patterns: layer ${node.op} is not part of a thin net`);
    const s = shapes[node.x];
    const xs = slots[node.x];
    const n = sizeOf(s);
    const identity = (scale: (j: number) => number) => ({
      dst: Array.from({ length: n }, (_, j) => j),
      src: Array.from({ length: n }, (_, j) => xs + j),
      w: Array.from({ length: n }, (_, j) => scale(j)),
    });
    switch (node.op) {
      case 'relu':
        steps.push({ ...NONE, kind: RELU, out: slot(id, s), x: xs, size: n });
        break;
      case 'conv': {
        if (node.stride !== 1) throw new Error('frozen patterns: only stride-1 convs (a thin net has no other)');
        const c = convTaps(s, weight(weights, node.w), node.k, xs);
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
        if (node.stride !== 1) throw new Error('frozen patterns: only stride-1 pools (a thin net has no other)');
        taps(slot(id, s), n, poolTaps(s, xs));
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
