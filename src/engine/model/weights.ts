/**
 * Network weights in the layout of the official PyTorch state dict
 * (conv [out, in, kh, kw], linear [out, in]), their initialisation and their
 * conversion to tfjs tensors (conv filters [kh, kw, in, out]).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Graph, ParamSpec } from './graph';
import { paramSize } from './graph';
import type { Rng } from './random';

export type Weights = Map<string, Float32Array>;

/**
 * How weights are drawn.
 * - `pytorch-default`: what the official code really runs (its `init_model`
 *   never matches its own method names): conv and linear weights
 *   U(−1/√fan_in, 1/√fan_in), linear bias likewise, BN γ = 1, β = 0.
 * - `kaiming-normal-fanin` / `kaiming-normal-fanout`: the paper text:
 *   N(0, 2/fan) on conv and linear weights, zero biases, BN γ = 1, β = 0.
 */
export type InitScheme = 'pytorch-default' | 'kaiming-normal-fanin' | 'kaiming-normal-fanout';

export function initWeights(g: Graph, scheme: InitScheme, rng: Rng): Weights {
  const w: Weights = new Map();
  for (const p of g.params) w.set(p.name, initParam(p, scheme, rng));
  return w;
}

function initParam(p: ParamSpec, scheme: InitScheme, rng: Rng): Float32Array {
  const n = paramSize(p);
  const v = new Float32Array(n);
  if (p.role === 'bn-weight') return v.fill(1);
  if (p.role === 'bn-bias') return v;
  if (scheme === 'pytorch-default') {
    const bound = 1 / Math.sqrt(p.fanIn);
    for (let i = 0; i < n; i++) v[i] = rng.range(-bound, bound);
    return v;
  }
  if (p.role === 'linear-bias') return v;
  const fan = scheme === 'kaiming-normal-fanin' ? p.fanIn : p.fanOut;
  const std = Math.sqrt(2 / fan);
  for (let i = 0; i < n; i++) v[i] = std * rng.normal();
  return v;
}

/** Copies the weights a graph needs from a state dict, checking every shape. */
export function importStateDict(g: Graph, dict: Record<string, { shape: number[]; values: ArrayLike<number> }>): Weights {
  const w: Weights = new Map();
  for (const p of g.params) {
    const t = dict[p.name];
    if (!t) throw new Error(`state dict lacks parameter ${p.name}`);
    if (t.shape.length !== p.shape.length || t.shape.some((d, i) => d !== p.shape[i])) {
      throw new Error(`parameter ${p.name} has shape [${t.shape}], expected [${p.shape}]`);
    }
    if (t.values.length !== paramSize(p)) {
      throw new Error(`parameter ${p.name} has ${t.values.length} values, expected ${paramSize(p)}`);
    }
    w.set(p.name, Float32Array.from(t.values));
  }
  return w;
}

/** PyTorch [out, in, kh, kw] → tfjs [kh, kw, in, out]. */
export function torchConvToTf(values: Float32Array, shape: number[]): Float32Array {
  const [o, i, kh, kw] = shape;
  const out = new Float32Array(values.length);
  for (let a = 0; a < o; a++)
    for (let b = 0; b < i; b++)
      for (let y = 0; y < kh; y++)
        for (let x = 0; x < kw; x++) out[((y * kw + x) * i + b) * o + a] = values[((a * i + b) * kh + y) * kw + x];
  return out;
}

export type TensorWeights = Map<string, tf.Tensor>;

/** Uploads the active parameters as tensors in tfjs layout (caller disposes). */
export function toTensors(g: Graph, w: Weights): TensorWeights {
  const t: TensorWeights = new Map();
  for (const p of g.params) {
    if (!p.active) continue;
    const v = w.get(p.name);
    if (!v) throw new Error(`missing weights for ${p.name}`);
    if (p.role === 'conv') {
      const [o, i, kh, kw] = p.shape;
      t.set(p.name, tf.tensor4d(torchConvToTf(v, p.shape), [kh, kw, i, o]));
    } else {
      t.set(p.name, tf.tensor(v, p.shape));
    }
  }
  return t;
}

export function disposeTensors(t: TensorWeights): void {
  for (const v of t.values()) v.dispose();
  t.clear();
}
