/**
 * Kendall τ-b, Spearman ρ, average ranks, the rank sum and the bootstrap,
 * against hand-computed cases with ties and an O(n²) reference.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/engine/model/random';
import {
  averageRanks,
  bootstrapCI,
  finitePairs,
  kendallTau,
  pearson,
  quantileSorted,
  rankSum,
  spearmanRho,
} from '../../../src/engine/study/stats';

/** Textbook τ-b by looking at every pair: (C − D) / √((n0 − n1)(n0 − n2)). */
function naiveTauB(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let c = 0;
  let d = 0;
  let tx = 0; // tied in x (whatever y does)
  let ty = 0; // tied in y (whatever x does)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
      if (x[i] === x[j]) tx++;
      if (y[i] === y[j]) ty++;
      if (s > 0) c++;
      if (s < 0) d++;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  return (c - d) / Math.sqrt((n0 - tx) * (n0 - ty));
}

describe('kendallTau (τ-b)', () => {
  it('matches a hand count with ties in x and in y', () => {
    // Points A(1,2) B(2,1) C(2,3) D(3,3) E(4,5); n = 5, n0 = 10 pairs.
    //   AB: x up, y down → discordant        AC, AD, AE: concordant
    //   BC: tied in x (n1 = 1)               BD, BE: concordant
    //   CD: tied in y (n2 = 1)               CE, DE: concordant
    // C = 7, D = 1, n1 = 1, n2 = 1: τ-b = (7 − 1) / √((10 − 1)(10 − 1)) = 6/9.
    const r = kendallTau([1, 2, 2, 3, 4], [2, 1, 3, 3, 5]);
    expect(r.value).toBeCloseTo(6 / 9, 14);
    expect(r.n).toBe(5);
    expect(r.dropped).toBe(0);
  });

  it('matches a hand count with joint ties', () => {
    // P1(1,1) P2(1,1) P3(2,2) P4(2,1) P5(3,3) P6(3,2); n = 6, n0 = 15.
    //   tied in x: 12, 34, 56                         → n1 = 3
    //   tied in y: 12, 14, 24 (y = 1), 36 (y = 2)     → n2 = 4
    //   tied in both: 12                              → n3 = 1
    //   concordant: 13 15 16 23 25 26 35 45 46 = 9; discordant: none
    //   check: 9 + 0 + (3 − 1) + (4 − 1) + 1 = 15 pairs.
    // τ-b = 9 / √((15 − 3)(15 − 4)) = 9 / √132.
    const r = kendallTau([1, 1, 2, 2, 3, 3], [1, 1, 2, 1, 3, 2]);
    expect(r.value).toBeCloseTo(9 / Math.sqrt(132), 14);
    // Swapping the roles of x and y does not change τ-b; negating y flips its sign.
    expect(kendallTau([1, 1, 2, 1, 3, 2], [1, 1, 2, 2, 3, 3]).value).toBeCloseTo(9 / Math.sqrt(132), 14);
    expect(kendallTau([1, 1, 2, 2, 3, 3], [-1, -1, -2, -1, -3, -2]).value).toBeCloseTo(-9 / Math.sqrt(132), 14);
  });

  it('is +1 / −1 for perfectly (anti-)ordered data, with or without matching ties', () => {
    expect(kendallTau([1, 2, 3, 4], [10, 20, 30, 40]).value).toBe(1);
    expect(kendallTau([1, 2, 3, 4], [40, 30, 20, 10]).value).toBe(-1);
    // x = [1,1,2], y = [5,5,7]: C = 2, D = 0, n1 = n2 = 1 → 2 / √(2·2) = 1.
    expect(kendallTau([1, 1, 2], [5, 5, 7]).value).toBe(1);
    expect(kendallTau([1, 1, 2], [5, 5, 3]).value).toBe(-1);
  });

  it('is NaN when undefined and drops non-finite pairs', () => {
    expect(kendallTau([1], [2]).value).toBeNaN();
    expect(kendallTau([1, 1, 1], [1, 2, 3]).value).toBeNaN(); // x constant
    const r = kendallTau([1, 2, NaN, 4, 5], [1, 2, 3, Infinity, 4]);
    expect(r.n).toBe(3);
    expect(r.dropped).toBe(2);
    expect(r.value).toBe(1);
    expect(() => kendallTau([1, 2], [1])).toThrow(/same length/);
  });

  it('agrees with the O(n²) definition on random data with many ties', () => {
    const rng = new Rng('stats-test');
    for (let t = 0; t < 20; t++) {
      const n = 2 + rng.int(300);
      const levels = 1 + rng.int(6);
      const x = Array.from({ length: n }, () => rng.int(levels));
      const y = x.map((v) => (rng.uniform() < 0.5 ? v : rng.int(levels)) + (t % 2 ? 0 : rng.int(2) * 0.5));
      const want = naiveTauB(x, y);
      const got = kendallTau(x, y).value;
      if (Number.isNaN(want)) expect(got).toBeNaN();
      else expect(got).toBeCloseTo(want, 12);
    }
  });

  it('handles all 15,625 cells well under a second', () => {
    const rng = new Rng('stats-big');
    const x = Array.from({ length: 15625 }, () => Math.round(rng.uniform() * 1000) / 10);
    const y = x.map((v) => v + rng.normal() * 20);
    const t0 = performance.now();
    const r = kendallTau(x, y);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(1000);
    expect(r.value).toBeGreaterThan(0.5);
    // Spot-check against the definition on a prefix (O(n²) on all would be slow).
    expect(kendallTau(x.slice(0, 2000), y.slice(0, 2000)).value).toBeCloseTo(naiveTauB(x.slice(0, 2000), y.slice(0, 2000)), 12);
  });
});

describe('averageRanks and spearmanRho', () => {
  it('averages tied ranks and leaves non-finite values unranked', () => {
    expect(Array.from(averageRanks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    expect(Array.from(averageRanks([3, 3, 3]))).toEqual([2, 2, 2]);
    const r = averageRanks([2, NaN, 1]);
    expect(r[0]).toBe(2);
    expect(r[1]).toBeNaN();
    expect(r[2]).toBe(1);
  });

  it('matches a hand computation with ties', () => {
    // x = [1,2,2,3,4] → ranks [1, 2.5, 2.5, 4, 5]; y = [2,1,3,3,5] → ranks [2, 1, 3.5, 3.5, 5].
    // Both rank means are 3; deviations dx = [−2, −.5, −.5, 1, 2], dy = [−1, −2, .5, .5, 2].
    // Σdx·dy = 2 + 1 − .25 + .5 + 4 = 7.25; Σdx² = Σdy² = 4 + .25 + .25 + 1 + 4 = 9.5.
    // ρ = 7.25 / 9.5.
    const r = spearmanRho([1, 2, 2, 3, 4], [2, 1, 3, 3, 5]);
    expect(r.value).toBeCloseTo(7.25 / 9.5, 14);
    expect(r.n).toBe(5);
  });

  it('is ±1 for monotone data, NaN for a constant side, and drops non-finite pairs', () => {
    expect(spearmanRho([1, 2, 3], [1, 4, 9]).value).toBeCloseTo(1, 15);
    expect(spearmanRho([1, 2, 3], [9, 4, 1]).value).toBeCloseTo(-1, 15);
    expect(spearmanRho([1, 2, 3], [5, 5, 5]).value).toBeNaN();
    const r = spearmanRho([1, NaN, 2, 3], [1, 2, -Infinity, 3]);
    expect(r).toEqual({ value: 1, n: 2, dropped: 2 });
  });

  it('equals Pearson on ranks on random tied data', () => {
    const rng = new Rng('spearman');
    const x = Array.from({ length: 200 }, () => rng.int(7));
    const y = x.map((v) => v + rng.int(3));
    expect(spearmanRho(x, y).value).toBeCloseTo(pearson(averageRanks(x), averageRanks(y)), 14);
  });
});

describe('rankSum', () => {
  it('ranks κ ascending and R descending, so smaller is better', () => {
    // κ = [1, 2, 3] → ranks [1, 2, 3]; R = [30, 20, 10] → ranks (highest first) [1, 2, 3].
    expect(Array.from(rankSum([1, 2, 3], [30, 20, 10]))).toEqual([2, 4, 6]);
    // Ties share average ranks: κ = [5, 5, 1] → [2.5, 2.5, 1]; R = [7, 9, 9] → [3, 1.5, 1.5].
    expect(Array.from(rankSum([5, 5, 1], [7, 9, 9]))).toEqual([5.5, 4, 2.5]);
  });

  it('gives NaN to cells without both scores and ranks the rest among themselves', () => {
    const r = rankSum([1, NaN, 2], [10, 20, 5]);
    expect(r[0]).toBe(2);
    expect(r[1]).toBeNaN();
    expect(r[2]).toBe(4);
  });

  it('correlates negatively with accuracy when both parts are good', () => {
    const acc = [60, 70, 80, 90];
    const kappa = [40, 30, 20, 10]; // lower κ, higher accuracy
    const regions = [100, 200, 300, 400]; // more regions, higher accuracy
    expect(kendallTau(rankSum(kappa, regions), acc).value).toBe(-1);
  });
});

describe('bootstrapCI', () => {
  const rng = new Rng('boot-data');
  const x = Array.from({ length: 120 }, () => rng.int(20));
  const y = x.map((v) => v + rng.normal() * 6);

  it('contains the estimate and is deterministic for a seed', () => {
    const a = bootstrapCI(x, y, kendallTau, { resamples: 500, seed: 3 });
    const b = bootstrapCI(x, y, kendallTau, { resamples: 500, seed: 3 });
    const c = bootstrapCI(x, y, kendallTau, { resamples: 500, seed: 4 });
    expect(a).toEqual(b);
    expect(c.lo).not.toBe(a.lo);
    expect(a.estimate).toBe(kendallTau(x, y).value);
    expect(a.lo).toBeLessThan(a.estimate);
    expect(a.hi).toBeGreaterThan(a.estimate);
    expect(a.lo).toBeGreaterThan(0);
    expect(a.resamples).toBe(500);
    expect(a.n).toBe(120);
    const rho = bootstrapCI(x, y, spearmanRho, { resamples: 300, seed: 3 });
    expect(rho.lo).toBeLessThan(rho.estimate);
    expect(rho.hi).toBeGreaterThan(rho.estimate);
  });

  it('gives the same intervals on the rank fast path as on the generic path', () => {
    for (const [fast, generic] of [
      [kendallTau, (a: ArrayLike<number>, b: ArrayLike<number>) => kendallTau(a, b).value],
      [spearmanRho, (a: ArrayLike<number>, b: ArrayLike<number>) => spearmanRho(a, b).value],
    ] as const) {
      const f = bootstrapCI(x, y, fast, { resamples: 200, seed: 7 });
      const g = bootstrapCI(x, y, generic, { resamples: 200, seed: 7 });
      expect(f.lo).toBeCloseTo(g.lo, 12);
      expect(f.hi).toBeCloseTo(g.hi, 12);
      expect(f.resamples).toBe(g.resamples);
    }
  });

  it('narrows with a lower level and accepts a plain-number statistic', () => {
    const wide = bootstrapCI(x, y, kendallTau, { resamples: 400, seed: 1, level: 0.95 });
    const narrow = bootstrapCI(x, y, kendallTau, { resamples: 400, seed: 1, level: 0.5 });
    expect(narrow.hi - narrow.lo).toBeLessThan(wide.hi - wide.lo);
    const mean = bootstrapCI(x, y, (a) => Array.from(a).reduce((s, v) => s + v, 0) / a.length, { resamples: 200, seed: 1 });
    expect(mean.lo).toBeLessThan(mean.hi);
  });

  it('drops non-finite pairs and gives NaN bounds below two pairs', () => {
    const r = bootstrapCI([1, NaN, 3], [1, 2, NaN], kendallTau, { resamples: 10 });
    expect(r.n).toBe(1);
    expect(r.lo).toBeNaN();
    expect(r.hi).toBeNaN();
    expect(finitePairs([1, NaN, 3], [1, 2, NaN]).dropped).toBe(2);
  });

  it('uses numpy-style linear quantiles', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([0, 10], 0.025)).toBeCloseTo(0.25, 12);
  });
});
