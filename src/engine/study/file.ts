/**
 * A correlation study as a file: versioned JSON (the whole study, re-imported
 * with parseStudyJson, e.g. to resume) and CSV (the rows, with accuracies and
 * the rank sum, read back with parseStudyCsv). No tfjs.
 */
import { z } from 'zod';
import { DATASETS } from '../data/nb201';
import type { Nb201Table } from '../data/nb201';
import { VersionedFileError, versionedFile } from '../data/versioned-file';
import { firstIssue } from '../data/zod-message';
import { codeToOps, NUM_CELLS, opsToArch } from '../model/nb201/space';
import { seedSchema, settingsSchema } from '../model/settings';
import type { Peers } from './peers';
import type { StudyRow } from './row';
import { rowSchema } from './row';
import { studyColumns } from './summary';

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
  seed: seedSchema,
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

export class StudyFileError extends VersionedFileError {}

const studyFile = versionedFile({
  kind: 'study',
  format: STUDY_FORMAT,
  version: STUDY_VERSION,
  schema: studyFileSchema,
  check: (study) => {
    for (const row of study.rows) {
      if (opsToArch(codeToOps(row.code)) !== row.arch)
        throw new StudyFileError(`row of code ${row.code}: arch ${row.arch} does not match the code`);
    }
  },
  error: StudyFileError,
});

/** Parses a study file's text, with a message that says what is wrong (StudyFileError). */
export function parseStudyJson(text: string): StudyFile {
  return studyFile.parse(text);
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
  return `${lines.join('\n')}\n`;
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
    if (!r.success) throw new StudyFileError(firstIssue(r.error, `line ${i + 2}`));
    return r.data;
  });
}
