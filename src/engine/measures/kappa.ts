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
import type { Graph } from '../model/graph';
import type { RowHelper } from './rows';
import { jacobianCols, jacobianRange, rowHelpersFor, rowsRequest, splitRows } from './rows';
import type { TensorWeights } from '../model/weights';

export const KAPPA_NAN = 100000;

export interface NtkResult {
  /** κ after the official nan_to_num mapping. */
  kappa: number;
  /** κ = λmax/λmin before the mapping (may be NaN or ±∞). */
  rawKappa: number;
  eigMin: number;
  eigMax: number;
  trace: number;
  /** Every eigenvalue of the NTK in float64, ascending (λmin first, λmax last). */
  eigenvalues: Float64Array;
  /** The NTK itself, [rows × rows] row-major float64; only when asked for (NtkOptions.keepNtk). */
  ntk?: Float64Array;
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

/**
 * Gram matrix J Jᵀ of a row-major [rows × cols] float32 matrix, accumulated in
 * float64 (each dot product summed left to right over the columns). Four rows
 * at a time share each load of the other row.
 */
export function gramFloat64(J: Float32Array, rows: number, cols: number): Float64Array {
  const K = new Float64Array(rows * rows);
  const rowBuf = new Float64Array(cols);
  const set = (i: number, j: number, v: number) => {
    K[i * rows + j] = v;
    K[j * rows + i] = v;
  };
  for (let j = 0; j < rows; j++) {
    const oj = j * cols;
    for (let c = 0; c < cols; c++) rowBuf[c] = J[oj + c];
    let i = j;
    for (; i + 3 < rows; i += 4) {
      const o0 = i * cols;
      const o1 = o0 + cols;
      const o2 = o1 + cols;
      const o3 = o2 + cols;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let c = 0; c < cols; c++) {
        const r = rowBuf[c];
        s0 += r * J[o0 + c];
        s1 += r * J[o1 + c];
        s2 += r * J[o2 + c];
        s3 += r * J[o3 + c];
      }
      set(i, j, s0);
      set(i + 1, j, s1);
      set(i + 2, j, s2);
      set(i + 3, j, s3);
    }
    for (; i < rows; i++) {
      const oi = i * cols;
      let s = 0;
      for (let c = 0; c < cols; c++) s += rowBuf[c] * J[oi + c];
      set(i, j, s);
    }
  }
  return K;
}

export interface Spectrum {
  eigMin: number;
  eigMax: number;
  trace: number;
  /** Ascending (all NaN when the matrix has a non-finite entry). */
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
    eigenvalues = Float64Array.from(new EigenvalueDecomposition(m, { assumeSymmetric: true }).realEigenvalues).sort();
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
  /** Helpers that compute shares of the rows in other threads (default: those installed for the current backend, see setRowHelpers); the caller computes the first share. */
  helpers?: readonly RowHelper[];
  /** Return the NTK matrix too (NtkResult.ntk). */
  keepNtk?: boolean;
}

/** The rows of J for a batch, [B × P] row-major float32, and the logits. */
export async function jacobian(
  g: Graph,
  weights: TensorWeights,
  input: tf.Tensor4D,
  opts: NtkOptions = {},
): Promise<{ J: Float32Array; rows: number; cols: number; logits: Float32Array }> {
  const B = input.shape[0];
  const cols = jacobianCols(g);
  const helpers = opts.helpers ?? rowHelpersFor(tf.getBackend());
  const ranges = splitRows(B, helpers.length + 1);
  // Equal chunks within a share: at most opts.chunk rows each (36 rows → 2 × 18, not 24 + 12).
  const share = ranges[0][1] - ranges[0][0];
  const chunk = Math.ceil(share / Math.ceil(share / Math.max(1, opts.chunk ?? defaultChunk(B))));
  // Hand the other shares out first, so the helpers work while this thread computes its own.
  const base = ranges.length > 1 ? await rowsRequest(g, weights, input, chunk) : null;
  const remote = ranges.slice(1).map(([k0, k1], i) => ({ k0, rows: helpers[i].rows({ ...base!, k0, k1 }) }));
  // Attach handlers now: a helper failing while this thread computes must not go unhandled.
  const settled = remote.map((r) =>
    r.rows.then(
      (v) => ({ ok: true as const, v }),
      (e: unknown) => ({ ok: false as const, e }),
    ),
  );
  const local = await jacobianRange(g, weights, input, ranges[0][0], ranges[0][1], chunk);
  const J = new Float32Array(B * cols);
  J.set(local.J, 0);
  for (let i = 0; i < remote.length; i++) {
    const r = await settled[i];
    if (!r.ok) throw r.e;
    if (r.v.length !== (ranges[i + 1][1] - ranges[i + 1][0]) * cols)
      throw new Error(`a Jacobian helper returned ${r.v.length} values for rows ${ranges[i + 1][0]}..${ranges[i + 1][1] - 1}`);
    J.set(r.v, remote[i].k0 * cols);
  }
  return { J, rows: B, cols, logits: local.logits };
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
  return {
    kappa: nanToNum(rawKappa),
    rawKappa,
    eigMin: s.eigMin,
    eigMax: s.eigMax,
    trace: s.trace,
    eigenvalues: s.eigenvalues,
    ...(opts.keepNtk && { ntk }),
    rows,
    cols,
    logits,
  };
}
