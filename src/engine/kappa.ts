/**
 * κ_N, the condition number of the neural tangent kernel (trainability:
 * lower is better).
 *
 * NTK = J Jᵀ is accumulated in float64 from the float32 rows of J (a float32
 * product alone moves λmin by ~1e-3) and its eigenvalues are computed in
 * float64 (ml-matrix's symmetric decomposition). κ = λmax / λmin as computed,
 * then mapped as the official code's `np.nan_to_num(..., nan=100000.0)`:
 * - λmin < 0 gives a negative κ, kept as it is;
 * - NaN (e.g. 0/0, or NaN logits) → 100000;
 * - ±∞ (λmin = 0) → ±Number.MAX_VALUE.
 */
import * as tf from '@tensorflow/tfjs-core';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { forwardRetained } from './forward';
import { disposeJacobianContext, jacobianRows, prepareJacobian } from './jacobian';
import type { Graph } from './network';
import { jacobianParams, paramSize } from './network';
import type { TensorWeights } from './weights';

export const KAPPA_NAN = 100000;

export interface NtkResult {
  /** κ after the official nan_to_num mapping. */
  kappa: number;
  /** κ = λmax/λmin before the mapping (may be NaN or ±∞). */
  rawKappa: number;
  eigMin: number;
  eigMax: number;
  trace: number;
  rows: number;
  cols: number;
  /** The forward logits [B × classes] of the batch. */
  logits: Float32Array;
}

export function nanToNum(x: number): number {
  if (Number.isNaN(x)) return KAPPA_NAN;
  if (x === Infinity) return Number.MAX_VALUE;
  if (x === -Infinity) return -Number.MAX_VALUE;
  return x;
}

/** Gram matrix J Jᵀ of a row-major [rows × cols] float32 matrix, accumulated in float64. */
export function gramFloat64(J: Float32Array, rows: number, cols: number): Float64Array {
  const K = new Float64Array(rows * rows);
  const rowBuf = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const oi = i * cols;
    for (let c = 0; c < cols; c++) rowBuf[c] = J[oi + c];
    for (let j = 0; j <= i; j++) {
      const oj = j * cols;
      let s = 0;
      for (let c = 0; c < cols; c++) s += rowBuf[c] * J[oj + c];
      K[i * rows + j] = s;
      K[j * rows + i] = s;
    }
  }
  return K;
}

export interface Spectrum {
  eigMin: number;
  eigMax: number;
  trace: number;
  eigenvalues: Float64Array;
}

export function spectrum(ntk: Float64Array, n: number): Spectrum {
  let trace = 0;
  for (let i = 0; i < n; i++) trace += ntk[i * n + i];
  const m = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.set(i, j, ntk[i * n + j]);
  let eigenvalues: Float64Array;
  if (ntk.some((v) => !Number.isFinite(v))) {
    eigenvalues = new Float64Array(n).fill(NaN);
  } else {
    eigenvalues = Float64Array.from(new EigenvalueDecomposition(m, { assumeSymmetric: true }).realEigenvalues);
  }
  let eigMin = Infinity;
  let eigMax = -Infinity;
  for (const v of eigenvalues) {
    if (Number.isNaN(v)) {
      eigMin = NaN;
      eigMax = NaN;
      break;
    }
    eigMin = Math.min(eigMin, v);
    eigMax = Math.max(eigMax, v);
  }
  return { eigMin, eigMax, trace, eigenvalues };
}

export interface NtkOptions {
  /** Rows of J per backward pass (bounds memory: a chunk holds chunk × B copies of every activation). */
  chunk?: number;
}

/** The rows of J for a batch, [B × P] row-major float32, and the logits. */
export async function jacobian(
  g: Graph,
  weights: TensorWeights,
  input: tf.Tensor4D,
  opts: NtkOptions = {},
): Promise<{ J: Float32Array; rows: number; cols: number; logits: Float32Array }> {
  const B = input.shape[0];
  const cols = jacobianParams(g).reduce((a, p) => a + paramSize(p), 0);
  const chunk = Math.max(1, Math.min(B, opts.chunk ?? defaultChunk(B)));
  const J = new Float32Array(B * cols);
  const fwd = forwardRetained(g, weights, input);
  const ctx = prepareJacobian(g, fwd);
  try {
    const logits = (await fwd.values[g.logits].data()) as Float32Array;
    for (let k0 = 0; k0 < B; k0 += chunk) {
      const k1 = Math.min(B, k0 + chunk);
      const rows = jacobianRows(g, weights, ctx, k0, k1);
      try {
        J.set((await rows.data()) as Float32Array, k0 * cols);
      } finally {
        rows.dispose();
      }
    }
    return { J, rows: B, cols, logits: Float32Array.from(logits) };
  } finally {
    disposeJacobianContext(ctx);
    fwd.dispose();
  }
}

export function defaultChunk(B: number): number {
  return Math.min(B, 24);
}

/** κ_N of a network on one batch. */
export async function measureNtk(g: Graph, weights: TensorWeights, input: tf.Tensor4D, opts: NtkOptions = {}): Promise<NtkResult> {
  const { J, rows, cols, logits } = await jacobian(g, weights, input, opts);
  const ntk = gramFloat64(J, rows, cols);
  const s = spectrum(ntk, rows);
  const rawKappa = s.eigMax / s.eigMin;
  return { kappa: nanToNum(rawKappa), rawKappa, eigMin: s.eigMin, eigMax: s.eigMax, trace: s.trace, rows, cols, logits };
}
