/**
 * Which cells a correlation study scores: a seeded sample of NAS-Bench-201
 * cells, uniform or stratified by accuracy.
 *
 * Degenerate cells (see isDegenerate: the network's output does not depend on
 * its input, so κ_N and R_N are undefined) are EXCLUDED by default — TE-NAS can
 * never select them and they carry no score; pass includeDegenerate to keep them
 * (scored rows are then flagged `degenerate` and left out of every correlation).
 */
import type { Nb201Dataset, Nb201Table } from '../data/nb201';
import { codeToOps, EDGES, NUM_CELLS } from '../model/nb201/space';
import { stream } from '../model/random';

/**
 * True when the cell's output does not depend on its input: no path from node 0
 * to node 3 through edges whose op is not `none`. κ_N is then undefined (every
 * image has the same output, so the NTK is singular) and R_N is 1.
 *
 * The same rule as the engine's `Graph.degenerate` (network.ts), on the ops
 * alone, so cells can be filtered without building networks.
 */
export function isDegenerate(ops: readonly number[]): boolean {
  const live = [true, false, false, false];
  EDGES.forEach(([to, from], i) => {
    if (ops[i] !== 0 && live[from]) live[to] = true;
  });
  return !live[3];
}

export interface SampleOptions {
  table: Nb201Table;
  /** Accuracy used for stratification (default cifar10). */
  dataset?: Nb201Dataset;
  /** Equal counts from accuracy-quantile bins instead of a uniform sample. */
  stratified?: boolean;
  /** Number of quantile bins when stratified (default min(10, n)). */
  bins?: number;
  /** Keep degenerate cells in the pool (default false: excluded). */
  includeDegenerate?: boolean;
  /** Draw only from these codes (e.g. the NASLib cells); default all cells. */
  pool?: readonly number[];
}

/** Codes that sampleCells draws from. */
export function eligibleCells(opts: Pick<SampleOptions, 'includeDegenerate' | 'pool'> = {}): number[] {
  const src = opts.pool ? [...new Set(opts.pool)].sort((a, b) => a - b) : Array.from({ length: NUM_CELLS }, (_, c) => c);
  return src.filter((c) => {
    codeToOps(c); // validates the code
    return opts.includeDegenerate || !isDegenerate(codeToOps(c));
  });
}

/**
 * A seeded sample of n distinct cell codes, in a random order (so that any
 * prefix — a partly finished study — is itself a fair sample). Drawn from
 * `stream({ seed, purpose: 'sample', index: 0 })`; deterministic for (n, seed,
 * options). n is clamped to the number of eligible cells.
 *
 * - Uniform (default): the first n of a seeded permutation of the eligible cells,
 *   so a larger n extends a smaller one with the same seed (the study can grow).
 * - Stratified: eligible cells are sorted by test accuracy on `dataset` (ties by
 *   code) and cut into `bins` equal-size quantile bins; each bin gives n / bins
 *   cells (the remainder goes to randomly chosen bins), drawn uniformly within it.
 */
export function sampleCells(n: number, seed: number, opts: SampleOptions): number[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  const pool = eligibleCells(opts);
  const m = pool.length;
  const k = Math.min(n, m);
  const rng = stream({ seed, purpose: 'sample', index: 0 });
  if (!opts.stratified) {
    const perm = rng.permutation(m);
    return Array.from(perm.subarray(0, k), (i) => pool[i]);
  }
  const dataset = opts.dataset ?? 'cifar10';
  const acc = opts.table.testAccuracies(dataset);
  const sorted = [...pool].sort((a, b) => acc[a] - acc[b] || a - b);
  const B = opts.bins ?? Math.min(10, k);
  if (!Number.isInteger(B) || B < 1 || B > k) throw new RangeError(`bins must be an integer in 1..${k}, got ${B}`);
  const bins = Array.from({ length: B }, (_, b) => sorted.slice(Math.floor((b * m) / B), Math.floor(((b + 1) * m) / B)));
  const counts = bins.map(() => Math.floor(k / B));
  for (const b of rng.permutation(B).subarray(0, k % B)) counts[b]++;
  // A bin smaller than its share (only when k is close to m) passes the rest on.
  let over = 0;
  counts.forEach((c, b) => {
    if (c > bins[b].length) {
      over += c - bins[b].length;
      counts[b] = bins[b].length;
    }
  });
  for (let b = 0; over > 0; b = (b + 1) % B) {
    if (counts[b] < bins[b].length) {
      counts[b]++;
      over--;
    }
  }
  const picked: number[] = [];
  bins.forEach((bin, b) => {
    for (const i of rng.sampleWithoutReplacement(bin.length, counts[b])) picked.push(bin[i]);
  });
  const order = rng.permutation(picked.length);
  return Array.from(order, (i) => picked[i]);
}
