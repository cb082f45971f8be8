/**
 * The mean and spread of a measure's repeats (κ_N, R_N): the one mean and
 * spread of the engine, the CLI and the page. Imports nothing, so the page can
 * use it without pulling in tfjs or the random streams.
 *
 * Not for the search's Δκ / ΔR: those follow numpy's summation order exactly
 * (search/pyround: numpyMean).
 */

/** Arithmetic mean, summed left to right (NaN for no values). */
export function mean(v: readonly number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}

export interface Spread {
  mean: number;
  /** Population standard deviation (divided by n). */
  std: number;
  min: number;
  max: number;
}

/** Mean, population standard deviation and range of the values (e.g. a measure's repeats). */
export function spread(v: readonly number[]): Spread {
  const m = mean(v);
  const std = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
  return { mean: m, std, min: Math.min(...v), max: Math.max(...v) };
}
