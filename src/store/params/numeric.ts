/**
 * Degenerate measurements, defined once for the charts and tables.
 *
 * κ_N = λmax/λmin is mapped as the official code does (np.nan_to_num with
 * nan=100000): NaN (NaN logits, 0/0) → 100000 (KAPPA_NAN), λmin = 0 → ±MAX_VALUE,
 * λmin < 0 (round-off on a singular NTK) → a negative κ kept as it is. The
 * search ranks these mapped values exactly as the official code does; the
 * charts do not plot them (they would flatten every other point) and list
 * them, with the reason, under the chart instead.
 */
/** engine/kappa.ts's KAPPA_NAN, repeated so the page bundle does not load tfjs. */
const KAPPA_NAN = 100000;

export function kappaProblem(v: number): string | null {
  if (Number.isNaN(v) || v === KAPPA_NAN) return 'κ is NaN (mapped to 100000)';
  if (!Number.isFinite(v) || Math.abs(v) === Number.MAX_VALUE) return 'λmin = 0 (κ = ∞)';
  if (v <= 0) return 'λmin ≤ 0 (κ ≤ 0)';
  return null;
}

export const isDefinedKappa = (v: number): boolean => kappaProblem(v) === null;

/** The first problem among a candidate's κ measurements, or null. */
export function candidateKappaProblem(c: { kappa: { original: number[]; pruned: number[] } }): string | null {
  for (const v of [...c.kappa.original, ...c.kappa.pruned]) {
    const p = kappaProblem(v);
    if (p) return p;
  }
  return null;
}
