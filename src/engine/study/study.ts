/**
 * The correlation study: do κ_N, R_N and their rank sum predict trained
 * accuracy? Score a seeded sample of NAS-Bench-201 cells and correlate the
 * scores (Kendall τ-b, Spearman ρ, bootstrap 95 % intervals) with the
 * benchmark's test accuracies on CIFAR-10, CIFAR-100 and ImageNet16-120, next
 * to the paper's values and other training-free proxies on the same cells.
 *
 * - sampleCells: which cells (seeded, optionally stratified by accuracy).
 *   Degenerate cells (see isDegenerate: the network's output does not depend on
 *   its input, so κ_N and R_N are undefined) are EXCLUDED by default — TE-NAS can never select them and they
 *   carry no score; pass includeDegenerate to keep them (scored rows are then
 *   flagged `degenerate` and left out of every correlation).
 * - runStudy: an async generator of one StudyRow per cell, cancellable between
 *   cells (and between κ_N repeats), with progress and ETA; every cell is scored
 *   with the same seed (same NTK batch, crops and initialisation streams), so a
 *   cell's row does not depend on which other cells are in the study or on their
 *   order, and a resumed study gives the same rows as an uninterrupted one.
 * - summarizeStudy: the τ/ρ table. studyToCsv / studyToJson: exports (the JSON
 *   is versioned and re-imported with parseStudyJson, e.g. to resume).
 */
import { z } from 'zod';
import type { CifarData } from '../data/cifar';
import type { Nb201Dataset, Nb201Table } from '../data/nb201';
import { DATASETS } from '../data/nb201';
import type { PeerMeasure, Peers } from './peers';
import { peerMeasures, peerScores } from './peers';
import { stream } from '../model/random';
import { scoreCell } from './score';
import type { Settings } from '../model/settings';
import { settingsSchema } from '../model/settings';
import { EDGES, NUM_CELLS, codeToOps, opsToArch } from '../model/nb201/space';
import type { Correlation } from './stats';
import { bootstrapCI, kendallTau, rankSum, spearmanRho } from './stats';

// ---------------------------------------------------------------------------
// Published reference values
// ---------------------------------------------------------------------------

/**
 * Kendall τ with NAS-Bench-201 test accuracy reported by the TE-NAS paper
 * (Chen, Gong & Wang, "Neural Architecture Search on ImageNet in Four GPU Hours:
 * A Theoretically Inspired Perspective", ICLR 2021), on NAS-Bench-201 CIFAR-100.
 * Signs as in the paper: κ_N lower-is-better (negative τ), R_N higher-is-better,
 * rank sum smaller-is-better (negative τ; see stats.rankSum).
 */
export const PAPER_TAU = {
  kappa: -0.42,
  regions: 0.5,
  rankSum: -0.64,
  dataset: 'cifar100' as Nb201Dataset,
  source: 'TE-NAS paper (Chen, Gong & Wang, ICLR 2021): Kendall τ with NAS-Bench-201 CIFAR-100 test accuracy',
} as const;

/**
 * Kendall τ on NAS-Bench-201 CIFAR-10 from AZ-NAS's re-run of training-free
 * proxies (Lee & Ham, "AZ-NAS: Assembling Zero-Cost Proxies for Network
 * Architecture Search", CVPR 2024). AZ-NAS orients every score higher-is-better,
 * so its TE-NAS entry compares with −τ(rank sum) here.
 */
export const PEER_TAU_AZNAS = {
  dataset: 'cifar10' as Nb201Dataset,
  values: { 'TE-NAS': 0.536, NASWOT: 0.557, ZiCo: 0.589, 'AZ-NAS': 0.741 },
  source: 'AZ-NAS (Lee & Ham, CVPR 2024), re-run on NAS-Bench-201 CIFAR-10; scores oriented higher-is-better',
} as const;

// ---------------------------------------------------------------------------
// Sampling
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------

const rowSchema = z.object({
  code: z
    .int()
    .min(0)
    .max(NUM_CELLS - 1),
  /** Official NAS-Bench-201 index. */
  index: z
    .int()
    .min(0)
    .max(NUM_CELLS - 1),
  arch: z.string(),
  degenerate: z.boolean(),
  /** Mean κ_N over repeats; null for a degenerate cell. */
  kappa: z.number().nullable(),
  kappaRepeats: z.array(z.number()),
  /** Mean R_N over repeats; null for a degenerate cell. */
  regions: z.number().nullable(),
  regionsRepeats: z.array(z.number()),
  /** Wall time of the cell's scoring (ms, to 0.1). */
  ms: z.number().min(0),
});

export type StudyRow = z.infer<typeof rowSchema>;

export interface StudyProgress {
  /** Cells finished, resumed ones included. */
  done: number;
  total: number;
  /** Cells taken from `resume` without scoring. */
  resumed: number;
  /** Cells scored in this call so far. */
  scored: number;
  elapsedMs: number;
  /** Estimated time left: mean time of the cells scored in this call × cells left (NaN before the first). */
  etaMs: number;
  /** The row just finished. */
  row: StudyRow;
}

export interface StudyOptions {
  /** The NAS-Bench-201 table (official index of each row). */
  table: Nb201Table;
  /** Rows of an earlier, interrupted study with the same seed and settings: their cells are skipped. */
  resume?: readonly StudyRow[];
  /** Cancels the study between cells (and between κ_N repeats); the generator then throws StudyCancelled. */
  signal?: AbortSignal;
  onProgress?: (p: StudyProgress) => void;
  /** Rows of J per backward pass. */
  chunk?: number;
}

export class StudyCancelled extends Error {
  constructor() {
    super('study cancelled');
    this.name = 'StudyCancelled';
  }
}

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

interface CellScoreLike {
  degenerate: boolean;
  kappa: number[];
  regions: number[];
}

/**
 * Scores one cell into a StudyRow (same seed for every cell) with scoreCell.
 * A degenerate cell (isDegenerate) is not measured: its row is flagged, with no scores.
 */
export async function scoreStudyCell(
  data: CifarData,
  settings: Settings,
  seed: number,
  code: number,
  table: Nb201Table,
  opts: { signal?: AbortSignal; chunk?: number } = {},
): Promise<StudyRow> {
  const ops = codeToOps(code);
  const t0 = performance.now();
  const o = { signal: opts.signal, chunk: opts.chunk };
  const s: CellScoreLike = isDegenerate(ops) ? { degenerate: true, kappa: [], regions: [] } : await scoreCell(data, settings, seed, ops, o);
  return {
    code,
    index: table.indexOf(code),
    arch: opsToArch(ops),
    degenerate: s.degenerate,
    kappa: s.degenerate ? null : mean(s.kappa),
    kappaRepeats: s.kappa,
    regions: s.degenerate ? null : mean(s.regions),
    regionsRepeats: s.regions,
    ms: Math.round((performance.now() - t0) * 10) / 10,
  };
}

/**
 * Scores the cells in `codes` order, yielding one row per cell not already in
 * `opts.resume` (those are skipped, not yielded: the caller keeps them).
 * Stop it with the signal (throws StudyCancelled) or by returning from the loop;
 * the rows yielded so far are complete and can be passed as `resume` later.
 */
export async function* runStudy(
  data: CifarData,
  settings: Settings,
  seed: number,
  codes: readonly number[],
  opts: StudyOptions,
): AsyncGenerator<StudyRow, void, undefined> {
  const done = new Set((opts.resume ?? []).map((r) => r.code));
  const total = new Set(codes).size;
  const resumed = new Set(codes.filter((c) => done.has(c))).size;
  const t0 = performance.now();
  let scored = 0;
  let scoredMs = 0;
  for (const code of codes) {
    if (done.has(code)) continue;
    if (opts.signal?.aborted) throw new StudyCancelled();
    let row: StudyRow;
    try {
      row = await scoreStudyCell(data, settings, seed, code, opts.table, { signal: opts.signal, chunk: opts.chunk });
    } catch (err) {
      if (opts.signal?.aborted) throw new StudyCancelled();
      throw new Error(`scoring cell ${code} (${opsToArch(codeToOps(code))}) failed: ${(err as Error).message ?? err}`, { cause: err });
    }
    done.add(code);
    scored++;
    scoredMs += row.ms;
    const left = total - resumed - scored;
    opts.onProgress?.({
      done: resumed + scored,
      total,
      resumed,
      scored,
      elapsedMs: performance.now() - t0,
      etaMs: (scoredMs / scored) * left,
      row,
    });
    yield row;
  }
}

// ---------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------

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
      scores.forEach((v, i) => Number.isFinite(v) && keep.push(i));
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

// ---------------------------------------------------------------------------
// Export and import
// ---------------------------------------------------------------------------

export const STUDY_FORMAT = 'te-nas-explorer/study';
export const STUDY_VERSION = 1;

export const sampleSpecSchema = z.object({
  /** Cells requested. */
  n: z.int().min(1),
  stratified: z.boolean(),
  dataset: z.enum(DATASETS),
  includeDegenerate: z.boolean(),
  /** Named pool the cells were drawn from ('all', 'naslib', …). */
  pool: z.string(),
});

export type SampleSpec = z.infer<typeof sampleSpecSchema>;

export const studyFileSchema = z.object({
  format: z.literal(STUDY_FORMAT),
  version: z.literal(STUDY_VERSION),
  createdAt: z.string(),
  seed: z
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  settings: settingsSchema,
  backend: z.string(),
  environment: z.string().optional(),
  sample: sampleSpecSchema,
  /** The planned cells, in scoring order (rows may cover only a prefix of them). */
  codes: z.array(
    z
      .int()
      .min(0)
      .max(NUM_CELLS - 1),
  ),
  rows: z.array(rowSchema),
  /** Scoring time of the rows, summed over sessions. */
  durationMs: z.number().min(0).optional(),
  /** The summary when exported (informative; recomputed on import). */
  summary: z.unknown().optional(),
});

export type StudyFile = z.infer<typeof studyFileSchema>;

export function makeStudyFile(args: Omit<StudyFile, 'format' | 'version' | 'createdAt'> & { createdAt?: string }): StudyFile {
  return { format: STUDY_FORMAT, version: STUDY_VERSION, createdAt: args.createdAt ?? new Date().toISOString(), ...args };
}

/** The study as compact JSON text (NaNs in the summary are written as null). */
export function studyToJson(study: StudyFile): string {
  return JSON.stringify(study);
}

export class StudyFileError extends Error {}

/** Parses a study file's text, with a message that says what is wrong. */
export function parseStudyJson(text: string): StudyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new StudyFileError(`not a JSON file (${(e as Error).message})`);
  }
  if (typeof json === 'object' && json !== null) {
    const o = json as Record<string, unknown>;
    if (o.format !== STUDY_FORMAT)
      throw new StudyFileError(`not a TE-NAS Explorer study (format is ${JSON.stringify(o.format)}, expected "${STUDY_FORMAT}")`);
    if (o.version !== STUDY_VERSION)
      throw new StudyFileError(
        `study format version ${JSON.stringify(o.version)} is not supported (this app reads version ${STUDY_VERSION})`,
      );
  }
  const r = studyFileSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new StudyFileError(`invalid study file at ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  for (const row of r.data.rows) {
    if (opsToArch(codeToOps(row.code)) !== row.arch)
      throw new StudyFileError(`row of code ${row.code}: arch ${row.arch} does not match the code`);
  }
  return r.data;
}

export const CSV_COLUMNS = [
  'code',
  'index',
  'arch',
  'degenerate',
  'kappa',
  'regions',
  'rank_sum',
  'kappa_repeats',
  'regions_repeats',
  'ms',
  'cifar10_test',
  'cifar100_test',
  'imagenet16_test',
  'naswot',
] as const;

const num = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '' : String(x));

/**
 * One line per row, with the rank sum over these rows, the NAS-Bench-201 test
 * accuracies and (when `peers` is given) the NASWOT score. Numbers are written
 * exactly (shortest round-trip form); repeats are ';'-separated; empty = none.
 */
export function studyToCsv(rows: readonly StudyRow[], table: Nb201Table, peers?: Peers | null): string {
  const scored = rows.filter((r) => !r.degenerate && r.kappa !== null && r.regions !== null);
  const rs = studyColumns(scored).rankSum;
  const rankOf = new Map(scored.map((r, i) => [r.code, rs[i]]));
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.code,
        r.index,
        r.arch,
        r.degenerate ? 1 : 0,
        num(r.kappa),
        num(r.regions),
        num(rankOf.get(r.code)),
        r.kappaRepeats.map(String).join(';'),
        r.regionsRepeats.map(String).join(';'),
        String(r.ms),
        ...DATASETS.map((d) => String(table.accuracy(d, r.code))),
        peers ? num(peers.naswot[r.code]) : '',
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** Reads the rows back from studyToCsv's output (accuracies, rank sum and NASWOT are ignored). */
export function parseStudyCsv(text: string): StudyRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  if (lines[0] !== CSV_COLUMNS.join(',')) throw new StudyFileError(`not a study CSV (header ${JSON.stringify(lines[0]?.slice(0, 60))})`);
  const list = (s: string) => (s === '' ? [] : s.split(';').map(Number));
  return lines.slice(1).map((line, i) => {
    const f = line.split(',');
    if (f.length !== CSV_COLUMNS.length) throw new StudyFileError(`line ${i + 2}: ${f.length} fields, expected ${CSV_COLUMNS.length}`);
    const row = {
      code: Number(f[0]),
      index: Number(f[1]),
      arch: f[2],
      degenerate: f[3] === '1',
      kappa: f[4] === '' ? null : Number(f[4]),
      kappaRepeats: list(f[7]),
      regions: f[5] === '' ? null : Number(f[5]),
      regionsRepeats: list(f[8]),
      ms: Number(f[9]),
    };
    const r = rowSchema.safeParse(row);
    if (!r.success) throw new StudyFileError(`line ${i + 2}: ${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`);
    return r.data;
  });
}
