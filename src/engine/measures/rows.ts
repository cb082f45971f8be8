/**
 * Rows of the NTK Jacobian computed by helpers: other threads (Node
 * worker_threads, browser Web Workers), each with its own tfjs backend, take a
 * contiguous range of rows while the caller computes its own range.
 *
 * Rows are independent once the forward pass is known, so splitting them is
 * exact: every helper repeats the (cheap) forward pass on the same batch with
 * the same weights and runs the batched backward pass for its rows only. On a
 * CPU backend this uses every core with plain single-threaded WebAssembly (no
 * SharedArrayBuffer or cross-origin isolation needed). Only plain data crosses
 * threads: the network spec (any space: the helper rebuilds the graph with
 * {@link buildGraph}), the weights in tfjs layout and the pixels.
 */
import * as tf from '@tensorflow/tfjs-core';
import { forwardRetained } from '../model/forward';
import { disposeJacobianContext, jacobianRows, prepareJacobian } from './jacobian';
import type { Graph, NetSpec } from '../model/graph';
import { jacobianParams, paramSize } from '../model/graph';
import { buildGraph } from '../model/network';
import type { TensorWeights } from '../model/weights';
import { kernelChoice, selectKernels, type KernelChoice } from '../kernels/own-kernels';

export interface RowsRequest {
  spec: NetSpec;
  /** Active parameters of the graph, tfjs layout (conv [kh, kw, in, out]). */
  params: { name: string; shape: number[]; values: Float32Array }[];
  /** The batch, row-major in the shape {@link inputShape} ([batch, H, W, inChannels]). */
  pixels: Float32Array;
  inputShape: [number, number, number, number];
  /** Rows k0..k1−1 of J. */
  k0: number;
  k1: number;
  /** Rows per backward pass. */
  chunk: number;
  /** The convolution kernels of the wasm backend the caller uses (the helper uses the same). */
  kernels: KernelChoice;
}

/** Something that computes rows of J elsewhere (a worker). */
export interface RowHelper {
  rows(req: RowsRequest): Promise<Float32Array>;
}

let installed: { helpers: readonly RowHelper[]; backend: string } | null = null;

/**
 * Makes every κ measurement on `backend` share its rows with these helpers
 * (an execution setting, like the backend itself); null removes them. The
 * helpers must compute what this thread computes (same backend kind).
 */
export function setRowHelpers(helpers: readonly RowHelper[] | null, backend: string): void {
  installed = helpers?.length ? { helpers, backend } : null;
}

/** The helpers installed for the current backend (none on any other). */
export function rowHelpersFor(backend: string): readonly RowHelper[] {
  return installed && installed.backend === backend ? installed.helpers : [];
}

/** Number of Jacobian columns of a graph. */
export function jacobianCols(g: Graph): number {
  return jacobianParams(g).reduce((a, p) => a + paramSize(p), 0);
}

/** Splits rows 0..B−1 into `parts` contiguous ranges as equal as possible (empty ranges dropped). */
export function splitRows(B: number, parts: number): [number, number][] {
  const out: [number, number][] = [];
  const n = Math.max(1, Math.min(parts, B));
  for (let i = 0; i < n; i++) {
    const k0 = Math.round((i * B) / n);
    const k1 = Math.round(((i + 1) * B) / n);
    if (k1 > k0) out.push([k0, k1]);
  }
  return out;
}

/**
 * Rows k0..k1−1 of J (row-major [(k1 − k0) × cols]) on the current backend,
 * from one forward pass and backward passes of `chunk` rows; also the logits.
 */
export async function jacobianRange(
  g: Graph,
  weights: TensorWeights,
  input: tf.Tensor4D,
  k0: number,
  k1: number,
  chunk: number,
): Promise<{ J: Float32Array; logits: Float32Array }> {
  const cols = jacobianCols(g);
  const J = new Float32Array((k1 - k0) * cols);
  const fwd = forwardRetained(g, weights, input);
  const ctx = prepareJacobian(g, fwd);
  try {
    const logits = Float32Array.from((await fwd.values[g.logits].data()) as Float32Array);
    for (let a = k0; a < k1; a += chunk) {
      const b = Math.min(k1, a + chunk);
      const rows = jacobianRows(g, weights, ctx, a, b);
      try {
        J.set((await rows.data()) as Float32Array, (a - k0) * cols);
      } finally {
        rows.dispose();
      }
    }
    return { J, logits };
  } finally {
    disposeJacobianContext(ctx);
    fwd.dispose();
  }
}

/** What every helper needs for this graph, weights and batch (add the rows k0..k1−1 it is to compute). */
export async function rowsRequest(
  g: Graph,
  weights: TensorWeights,
  input: tf.Tensor4D,
  chunk: number,
): Promise<Omit<RowsRequest, 'k0' | 'k1'>> {
  const params: RowsRequest['params'] = [];
  for (const p of g.params) {
    if (!p.active) continue;
    const t = weights.get(p.name);
    if (!t) throw new Error(`missing weights for ${p.name}`);
    params.push({ name: p.name, shape: t.shape.slice(), values: Float32Array.from((await t.data()) as Float32Array) });
  }
  const pixels = Float32Array.from((await input.data()) as Float32Array);
  return { spec: g.spec, params, pixels, inputShape: input.shape, chunk, kernels: kernelChoice() };
}

/** The helper's side: rows of J for a request, on the current tfjs backend. */
export async function computeRows(req: RowsRequest): Promise<Float32Array> {
  if (tf.getBackend() === 'wasm') selectKernels(req.kernels);
  const g = buildGraph(req.spec);
  const weights: TensorWeights = new Map(req.params.map((p) => [p.name, tf.tensor(p.values, p.shape)]));
  const input = tf.tensor4d(req.pixels, req.inputShape);
  try {
    return (await jacobianRange(g, weights, input, req.k0, req.k1, req.chunk)).J;
  } finally {
    input.dispose();
    for (const t of weights.values()) t.dispose();
  }
}
