/**
 * Rank statistics for the correlation study: Kendall's τ-b, Spearman's ρ,
 * average ranks, the TE-NAS rank sum and percentile-bootstrap intervals.
 *
 * Conventions (as scipy.stats):
 * - kendallTau is τ-b, (C − D) / √((n0 − n1)(n0 − n2)) with n0 = n(n−1)/2 and
 *   n1, n2 the pairs tied in x, in y (scipy.stats.kendalltau's default), in
 *   O(n log n) by Knight's algorithm (sort by x then y, count the exchanges of
 *   a merge sort of y).
 * - spearmanRho is Pearson's r of the average ranks (ties share the mean of
 *   the ranks they span, scipy.stats.rankdata 'average').
 * - Missing values: a pair (x[i], y[i]) in which either value is not finite
 *   (NaN, ±∞) is dropped before anything is computed; `n` in the result is the
 *   number of pairs used and `dropped` the number left out.
 * - Undefined statistics (fewer than 2 pairs, or either side constant) are NaN.
 */
import type { Rng } from '../model/random';
import { stream } from '../model/random';

export interface Correlation {
  /** τ-b or ρ; NaN when undefined. */
  value: number;
  /** Pairs used (both values finite). */
  n: number;
  /** Pairs dropped because a value was not finite. */
  dropped: number;
}

/** A statistic of paired samples; may return a bare number or a Correlation. */
export type PairedStatistic = (x: ArrayLike<number>, y: ArrayLike<number>) => number | Correlation;

/** The pairs in which both values are finite, as two Float64Arrays. */
export function finitePairs(x: ArrayLike<number>, y: ArrayLike<number>): { x: Float64Array; y: Float64Array; dropped: number } {
  if (x.length !== y.length) throw new RangeError(`paired samples must have the same length (${x.length} ≠ ${y.length})`);
  let n = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) n++;
  const fx = new Float64Array(n);
  const fy = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      fx[k] = x[i];
      fy[k] = y[i];
      k++;
    }
  }
  return { x: fx, y: fy, dropped: x.length - n };
}

/** Number of tied pairs, Σ t(t−1)/2 over runs of equal values of an ascending array. */
function tiedPairs(sorted: ArrayLike<number>): number {
  let pairs = 0;
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) run++;
    else {
      pairs += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  return pairs;
}

/**
 * Sorts `a` ascending in place (stable bottom-up merge sort) and returns the
 * number of exchanges: pairs i < j with a[i] > a[j] strictly (ties are not counted).
 */
function mergeSortSwaps(a: Float64Array): number {
  const n = a.length;
  let src: Float64Array = a;
  let dst: Float64Array = new Float64Array(n);
  let swaps = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (src[j] < src[i]) {
          dst[k++] = src[j++];
          swaps += mid - i; // src[j] jumps over every remaining left element, all > src[j]
        } else {
          dst[k++] = src[i++];
        }
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== a) a.set(src);
  return swaps;
}

/** Dense 0-based ranks (equal values share a rank, no gaps) and the number of distinct values. */
function denseRanks(v: ArrayLike<number>): { r: Int32Array; k: number } {
  const n = v.length;
  const sorted = Float64Array.from(v).sort();
  // Distinct values, ascending.
  let k = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[k++] = sorted[i];
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = k - 1;
    const x = v[i];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    r[i] = lo;
  }
  return { r, k };
}

/**
 * τ-b from dense ranks (Knight's algorithm): sort the pairs by (x, y) — as the
 * numeric key x·ky + y, exact since it stays below 2^53 — then count n1 (tied
 * in x), n3 (tied in both), the exchanges of a merge sort of y (discordant
 * pairs) and n2 (tied in y).
 */
function tauFromDense(rx: ArrayLike<number>, ry: ArrayLike<number>, ky: number): number {
  const n = rx.length;
  if (n < 2) return NaN;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = rx[i] * ky + ry[i];
  keys.sort();
  const ys = new Float64Array(n);
  let n1 = 0;
  let n3 = 0;
  let runX = 1;
  let runXY = 1;
  for (let i = 0; i < n; i++) {
    const x = Math.floor(keys[i] / ky);
    ys[i] = keys[i] - x * ky;
    if (i === 0) continue;
    if (x === Math.floor(keys[i - 1] / ky)) runX++;
    else {
      n1 += (runX * (runX - 1)) / 2;
      runX = 1;
    }
    if (keys[i] === keys[i - 1]) runXY++;
    else {
      n3 += (runXY * (runXY - 1)) / 2;
      runXY = 1;
    }
  }
  n1 += (runX * (runX - 1)) / 2;
  n3 += (runXY * (runXY - 1)) / 2;
  // Pairs ordered by x with y decreasing are discordant (pairs tied in x are in
  // y order, so they are never counted). Sorting y counts them.
  const swaps = mergeSortSwaps(ys);
  const n2 = tiedPairs(ys);
  const n0 = (n * (n - 1)) / 2;
  // C − D = (n0 − n1 − n2 + n3) − 2·swaps: every pair is concordant, discordant or tied.
  const cMinusD = n0 - n1 - n2 + n3 - 2 * swaps;
  const denom = Math.sqrt((n0 - n1) * (n0 - n2)); // exact when n1 = n2, so perfect orders give exactly ±1
  if (denom === 0) return NaN;
  return Math.max(-1, Math.min(1, cMinusD / denom));
}

/** Kendall's τ-b of finite paired samples (no filtering). */
function tauB(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length < 2) return NaN;
  const dy = denseRanks(y);
  return tauFromDense(denseRanks(x).r, dy.r, dy.k);
}

/** Average 1-based ranks from dense ranks 0..k-1, by counting (O(n + k)). */
function averageFromDense(r: ArrayLike<number>, k: number): Float64Array {
  const count = new Float64Array(k);
  for (let i = 0; i < r.length; i++) count[r[i]]++;
  const avg = new Float64Array(k);
  let below = 0;
  for (let j = 0; j < k; j++) {
    avg[j] = below + (count[j] + 1) / 2;
    below += count[j];
  }
  return Float64Array.from(r, (v) => avg[v]);
}

/** Kendall's τ-b (scipy.stats.kendalltau's default), ties handled; pairs with a non-finite value dropped. */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>): Correlation {
  const p = finitePairs(x, y);
  return { value: tauB(p.x, p.y), n: p.x.length, dropped: p.dropped };
}

/**
 * Average ranks, 1-based (scipy.stats.rankdata 'average'): the smallest value has
 * rank 1 and tied values share the mean of the ranks they span. Non-finite
 * values get NaN and are not ranked (the others are ranked among themselves).
 */
export function averageRanks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const out = new Float64Array(n).fill(NaN);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(x[i])) idx.push(i);
  idx.sort((a, b) => x[a] - x[b]);
  let i = 0;
  while (i < idx.length) {
    let j = i + 1;
    while (j < idx.length && x[idx[j]] === x[idx[i]]) j++;
    const r = (i + 1 + j) / 2; // mean of ranks i+1 .. j
    for (let k = i; k < j; k++) out[idx[k]] = r;
    i = j;
  }
  return out;
}

/** Pearson's r of finite paired samples (no filtering); NaN if either side is constant. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Spearman's ρ: Pearson's r of the average ranks; pairs with a non-finite value dropped. */
export function spearmanRho(x: ArrayLike<number>, y: ArrayLike<number>): Correlation {
  const p = finitePairs(x, y);
  const dx = denseRanks(p.x);
  const dy = denseRanks(p.y);
  return { value: pearson(averageFromDense(dx.r, dx.k), averageFromDense(dy.r, dy.k)), n: p.x.length, dropped: p.dropped };
}

/**
 * The TE-NAS rank sum of cells (official `prune_func_rank`, the paper's combined
 * ranking): rank(κ_N) with the lowest κ_N ranked 1, plus rank(R_N) with the
 * highest R_N ranked 1, ties sharing average ranks. A SMALLER rank sum is a
 * better cell, so a good rank sum correlates NEGATIVELY with accuracy — the sign
 * of the paper's τ = −0.64. (Peers that orient every score "higher is better",
 * e.g. AZ-NAS's table, report the τ of the negated rank sum: compare with −τ.)
 * Cells with a non-finite κ_N or R_N get NaN and are not ranked; the others are
 * ranked among themselves.
 */
export function rankSum(kappa: ArrayLike<number>, regions: ArrayLike<number>): Float64Array {
  if (kappa.length !== regions.length) throw new RangeError(`κ_N and R_N must have the same length (${kappa.length} ≠ ${regions.length})`);
  const n = kappa.length;
  const ok: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(kappa[i]) && Number.isFinite(regions[i])) ok.push(i);
  const rk = averageRanks(ok.map((i) => kappa[i]));
  const rr = averageRanks(ok.map((i) => -regions[i]));
  const out = new Float64Array(n).fill(NaN);
  ok.forEach((i, k) => {
    out[i] = rk[k] + rr[k];
  });
  return out;
}

export interface BootstrapOptions {
  /** Number of resamples (default 1000). */
  resamples?: number;
  /** Seed of the resampling stream (default 0). */
  seed?: number;
  /** Coverage of the interval (default 0.95). */
  level?: number;
  /** Draw from this generator instead of the seed's stream. */
  rng?: Rng;
}

export interface BootstrapInterval {
  lo: number;
  hi: number;
  /** Level of the interval (e.g. 0.95). */
  level: number;
  /** Resamples whose statistic was defined (finite); the interval is over these. */
  resamples: number;
  /** The statistic on the original (finite) pairs. */
  estimate: number;
  /** Pairs used. */
  n: number;
}

/** Linear-interpolation quantile of an ascending array (numpy's default 'linear'). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

const statValue = (r: number | Correlation): number => (typeof r === 'number' ? r : r.value);

/**
 * The bootstrap stream of a seed: `stream({ seed, purpose: 'sample', index: 1 })`
 * (index 0 is the cell sample of a study).
 */
export function bootstrapStream(seed: number): Rng {
  return stream({ seed, purpose: 'sample', index: 1 });
}

/**
 * Percentile bootstrap interval of a paired statistic: pairs with a non-finite
 * value are dropped first; `resamples` times, n pairs are drawn with replacement
 * and the statistic computed; the interval is the (1−level)/2 and (1+level)/2
 * quantiles of the defined (finite) resampled values. Deterministic for a seed.
 * With fewer than 2 pairs the interval is [NaN, NaN].
 */
export function bootstrapCI(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  fn: PairedStatistic,
  opts: BootstrapOptions = {},
): BootstrapInterval {
  const resamples = opts.resamples ?? 1000;
  const level = opts.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const p = finitePairs(x, y);
  const n = p.x.length;
  const estimate = n >= 2 ? statValue(fn(p.x, p.y)) : NaN;
  if (n < 2) return { lo: NaN, hi: NaN, level, resamples: 0, estimate, n };
  const rng = opts.rng ?? bootstrapStream(opts.seed ?? 0);
  // τ and ρ depend on ranks only: resample dense ranks and use the counting paths.
  const fast = fn === kendallTau ? 'tau' : fn === spearmanRho ? 'rho' : null;
  const dx = fast ? denseRanks(p.x) : null;
  const dy = fast ? denseRanks(p.y) : null;
  const bx = fast ? new Int32Array(n) : new Float64Array(n);
  const by = fast ? new Int32Array(n) : new Float64Array(n);
  const sx = dx ? dx.r : p.x;
  const sy = dy ? dy.r : p.y;
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const j = rng.int(n);
      bx[i] = sx[j];
      by[i] = sy[j];
    }
    const v =
      fast === 'tau'
        ? tauFromDense(bx, by, dy!.k)
        : fast === 'rho'
          ? pearson(averageFromDense(bx, dx!.k), averageFromDense(by, dy!.k))
          : statValue(fn(bx, by));
    if (Number.isFinite(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  const alpha = (1 - level) / 2;
  return { lo: quantileSorted(values, alpha), hi: quantileSorted(values, 1 - alpha), level, resamples: values.length, estimate, n };
}
