/**
 * The correlation study's table: Kendall τ-b and Spearman ρ (bootstrap 95 %
 * intervals) of κ_N, R_N, their rank sum and other training-free proxies with
 * the NAS-Bench-201 test accuracies on CIFAR-10, CIFAR-100 and ImageNet16-120.
 * No tfjs: the page can summarise rows itself.
 */
import type { Nb201Dataset, Nb201Table } from '../data/nb201';
import { DATASETS } from '../data/nb201';
import type { PeerMeasure, Peers } from './peers';
import { peerMeasures, peerScores } from './peers';
import type { StudyRow } from './row';
import type { Correlation } from './stats';
import { bootstrapCI, kendallTau, rankSum, spearmanRho } from './stats';

export type OwnMeasure = 'kappa' | 'regions' | 'rankSum';
export type MeasureId = OwnMeasure | PeerMeasure;

export const OWN_MEASURES: readonly OwnMeasure[] = ['kappa', 'regions', 'rankSum'];

export const MEASURE_LABELS: Record<OwnMeasure | 'naswot', string> = {
  kappa: 'κ_N',
  regions: 'R_N',
  rankSum: 'rank sum',
  naswot: 'NASWOT',
};

export function measureLabel(m: MeasureId): string {
  return m.startsWith('naslib:') ? m.slice('naslib:'.length) : MEASURE_LABELS[m as OwnMeasure | 'naswot'];
}

/** Sign of τ for a good proxy: κ_N and the rank sum are lower-is-better (−1), everything else +1. */
export function goodSign(m: MeasureId): 1 | -1 {
  return m === 'kappa' || m === 'rankSum' ? -1 : 1;
}

/**
 * Below this many cells a rank correlation is not reported as a number: with
 * 2 cells τ is always ±1, and up to about 10 its bootstrap interval spans
 * most of [−1, 1]. The page shows "too few cells" instead (n and the interval stay shown).
 */
export const MIN_TAU_CELLS = 10;

/** Whether a correlation rests on enough cells to be shown as a number. */
export function enoughCells(s: Pick<CorrStat, 'n'>): boolean {
  return s.n >= MIN_TAU_CELLS;
}

export interface CorrStat {
  /** Pairs used. */
  n: number;
  tau: number;
  /** Percentile-bootstrap interval, null without bootstrap or with n < 2. */
  tauCI: [number, number] | null;
  rho: number;
  rhoCI: [number, number] | null;
}

export interface MeasureSummary {
  measure: MeasureId;
  label: string;
  group: 'te-nas' | 'naswot' | 'naslib';
  goodSign: 1 | -1;
  stat: CorrStat;
  /** Peers only: κ_N, R_N and the rank sum (re-ranked) on exactly the same cells. */
  sameCells?: Record<OwnMeasure, CorrStat>;
}

export interface StudySummary {
  /** Rows given. */
  rows: number;
  /** Rows with a finite κ_N and R_N (the cells every TE-NAS correlation uses). */
  scored: number;
  degenerate: number;
  bootstrap: { resamples: number; seed: number; level: number } | null;
  datasets: Record<Nb201Dataset, MeasureSummary[]>;
}

export interface SummaryOptions {
  /** Bootstrap intervals (default { resamples: 1000, seed: 0, level: 0.95 }); false for none. */
  bootstrap?: { resamples?: number; seed?: number; level?: number } | false;
  /** Datasets to summarise (default all three). */
  datasets?: readonly Nb201Dataset[];
  /** Peer measures to include (default all in `peers`). */
  peerMeasures?: readonly PeerMeasure[];
}

/** Columns of the scored rows: codes, κ_N, R_N and the rank sum over these rows (NaN for degenerate ones). */
export function studyColumns(rows: readonly StudyRow[]): {
  codes: number[];
  kappa: Float64Array;
  regions: Float64Array;
  rankSum: Float64Array;
} {
  const kappa = Float64Array.from(rows, (r) => r.kappa ?? NaN);
  const regions = Float64Array.from(rows, (r) => r.regions ?? NaN);
  return { codes: rows.map((r) => r.code), kappa, regions, rankSum: rankSum(kappa, regions) };
}

function corrStat(x: ArrayLike<number>, y: ArrayLike<number>, boot: StudySummary['bootstrap']): CorrStat {
  const tau: Correlation = kendallTau(x, y);
  const rho: Correlation = spearmanRho(x, y);
  let tauCI: [number, number] | null = null;
  let rhoCI: [number, number] | null = null;
  if (boot && tau.n >= 2) {
    const o = { resamples: boot.resamples, seed: boot.seed, level: boot.level };
    const t = bootstrapCI(x, y, kendallTau, o);
    const r = bootstrapCI(x, y, spearmanRho, o);
    if (t.resamples > 0) tauCI = [t.lo, t.hi];
    if (r.resamples > 0) rhoCI = [r.lo, r.hi];
  }
  return { n: tau.n, tau: tau.value, tauCI, rho: rho.value, rhoCI };
}

/**
 * Kendall τ-b and Spearman ρ (with bootstrap intervals) of every measure against
 * each dataset's NAS-Bench-201 test accuracy. κ_N, R_N and the rank sum use every
 * row with a finite κ_N and R_N; each peer measure uses the rows where it also
 * has a finite score (its intersection with the study), and `sameCells` gives
 * κ_N, R_N and the rank sum — re-ranked within the intersection — on exactly
 * those rows for a like-for-like comparison. NASWOT's score is the CIFAR-10 one
 * for every dataset; NASLib's proxies are per dataset.
 */
export function summarizeStudy(rows: readonly StudyRow[], table: Nb201Table, peers: Peers | null, opts: SummaryOptions = {}): StudySummary {
  const boot =
    opts.bootstrap === false
      ? null
      : { resamples: opts.bootstrap?.resamples ?? 1000, seed: opts.bootstrap?.seed ?? 0, level: opts.bootstrap?.level ?? 0.95 };
  const scoredRows = rows.filter((r) => !r.degenerate && Number.isFinite(r.kappa ?? NaN) && Number.isFinite(r.regions ?? NaN));
  const cols = studyColumns(scoredRows);
  const datasets = {} as StudySummary['datasets'];
  const measures = peers ? (opts.peerMeasures ?? peerMeasures(peers)) : [];
  for (const d of opts.datasets ?? DATASETS) {
    const acc = Float64Array.from(cols.codes, (c) => table.accuracy(d, c));
    const out: MeasureSummary[] = OWN_MEASURES.map((m) => ({
      measure: m,
      label: measureLabel(m),
      group: 'te-nas',
      goodSign: goodSign(m),
      stat: corrStat(cols[m], acc, boot),
    }));
    for (const m of measures) {
      const scores = peerScores(peers!, m, d, cols.codes);
      const keep: number[] = [];
      scores.forEach((v, i) => {
        if (Number.isFinite(v)) keep.push(i);
      });
      const sub = (a: ArrayLike<number>) => Float64Array.from(keep, (i) => a[i]);
      const subAcc = sub(acc);
      const subCols = studyColumns(keep.map((i) => scoredRows[i]));
      out.push({
        measure: m,
        label: measureLabel(m),
        group: m === 'naswot' ? 'naswot' : 'naslib',
        goodSign: goodSign(m),
        stat: corrStat(sub(scores), subAcc, boot),
        sameCells: {
          kappa: corrStat(subCols.kappa, subAcc, boot),
          regions: corrStat(subCols.regions, subAcc, boot),
          rankSum: corrStat(subCols.rankSum, subAcc, boot),
        },
      });
    }
    datasets[d] = out;
  }
  return { rows: rows.length, scored: scoredRows.length, degenerate: rows.filter((r) => r.degenerate).length, bootstrap: boot, datasets };
}
