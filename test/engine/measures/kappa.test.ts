/** κ_N arithmetic: float64 Gram matrix, eigenvalues, and the official degenerate-case mapping. */
import { describe, expect, it } from 'vitest';
import { gramFloat64, KAPPA_NAN, nanToNum, spectrum } from '../../../src/engine/measures/kappa';

describe('gramFloat64', () => {
  it('accumulates J Jᵀ in float64', () => {
    // Rows whose float32 dot product loses the small term: 1e4·1e4 + 1e-3·1e-3.
    const J = Float32Array.from([1e4, 1e-3, 1, 2, 3, 4]);
    const K = gramFloat64(J, 3, 2);
    expect(K[0]).toBe(Math.fround(1e4) ** 2 + Math.fround(1e-3) ** 2);
    expect(K[1 * 3 + 2]).toBe(1 * 3 + 2 * 4);
    expect(K[2 * 3 + 1]).toBe(K[1 * 3 + 2]);
  });
});

describe('spectrum', () => {
  it('finds the eigenvalues of a symmetric matrix', () => {
    // [[2,1],[1,2]] has eigenvalues 1 and 3.
    const s = spectrum(Float64Array.from([2, 1, 1, 2]), 2);
    expect(s.eigMin).toBeCloseTo(1, 12);
    expect(s.eigMax).toBeCloseTo(3, 12);
    expect(s.trace).toBe(4);
  });

  it('reports a negative smallest eigenvalue as it is', () => {
    const s = spectrum(Float64Array.from([1, 2, 2, 1]), 2); // eigenvalues −1 and 3
    expect(s.eigMin).toBeCloseTo(-1, 12);
    expect(s.eigMax / s.eigMin).toBeCloseTo(-3, 10);
  });

  it('gives NaN eigenvalues for a matrix with NaN entries', () => {
    const s = spectrum(Float64Array.from([NaN, 0, 0, 1]), 2);
    expect(Number.isNaN(s.eigMin)).toBe(true);
    expect(nanToNum(s.eigMax / s.eigMin)).toBe(KAPPA_NAN);
  });
});

describe('nanToNum (numpy.nan_to_num with nan=100000)', () => {
  it('maps NaN to 100000 and ±∞ to ±MAX_VALUE, keeps finite values', () => {
    expect(nanToNum(NaN)).toBe(100000);
    expect(nanToNum(1 / 0)).toBe(Number.MAX_VALUE);
    expect(nanToNum(-1 / 0)).toBe(-Number.MAX_VALUE);
    expect(nanToNum(-12.5)).toBe(-12.5);
    expect(nanToNum(3)).toBe(3);
  });
});
