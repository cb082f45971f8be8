/**
 * The eigenvalue plot's numbers: the positive eigenvalues of each network on
 * a shared log axis (powers of ten), λmin and λmax, and κ_N = λmax/λmin as
 * the distance between them. An eigenvalue ≤ 0 (a singular NTK, round-off)
 * has no place on a log axis: it is counted and said, not drawn.
 */
export interface SpectrumRow {
  name: string;
  /** Ascending, as the search event carries them. */
  eigenvalues: readonly number[];
}

export interface SpectrumGeometry {
  /** The axis spans [10^lo, 10^hi], covering every positive eigenvalue. */
  lo: number;
  hi: number;
  rows: { name: string; values: number[]; min: number; max: number; kappa: number; nonPositive: number }[];
}

export function spectrumGeometry(rows: readonly SpectrumRow[]): SpectrumGeometry {
  const all = rows.flatMap((r) => r.eigenvalues.filter((v) => v > 0));
  const lo = all.length ? Math.floor(Math.log10(Math.min(...all))) : -3;
  const hi = all.length ? Math.ceil(Math.log10(Math.max(...all))) : 3;
  return {
    lo,
    hi: hi > lo ? hi : lo + 1,
    rows: rows.map((r) => {
      const e = r.eigenvalues;
      const min = e[0];
      const max = e[e.length - 1];
      return { name: r.name, values: e.filter((v) => v > 0), min, max, kappa: max / min, nonPositive: e.filter((v) => v <= 0).length };
    }),
  };
}

/** 10^k as a tick label: 1e-3, 0.01, 0.1, 1, 10, 100, 1e3. */
export function powerLabel(v: number): string {
  const k = Math.round(Math.log10(v));
  return k >= -2 && k <= 2 ? String(10 ** k) : `1e${k}`;
}
