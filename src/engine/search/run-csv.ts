/**
 * A run as a spreadsheet and back: the CSV the page exports holds one row per
 * measured candidate (`runToCsv`'s columns) followed by the run's seed,
 * backend, date, duration, label and settings on every row, so that it can be
 * imported again: `runFromCsv` rebuilds the run's events from the rows
 * (round starts and candidate lists from the mask, per-repeat ratios from κ_N
 * and R_N, each round's ranking by the official rule, checked against the
 * rows' rank sums and pruned marks) and says what a CSV cannot hold.
 */
import { z } from 'zod';
import { firstIssue } from '../data/zod-message';
import { fullMask, type Mask, opsToArch, withoutOp } from '../model/nb201/space';
import type { Settings } from '../model/settings';
import { settingsSchema } from '../model/settings';
import { SEED, SETTING_FIELDS } from '../model/settings-table';
import type { CandidateEvent, SearchEvent } from './events';
import { deltaFromPairs, listCandidates, rankCandidates } from './ranking';
import { makeRun, type Run, RunFileError, runToCsv } from './run-file';

/** Columns after the per-candidate ones (then one per setting, named by its key). */
const META = ['seed', 'backend', 'created_at', 'duration_ms', 'label'] as const;
/** The per-candidate columns of `runToCsv`. */
const BASE = runToCsv({ events: [] }).trim().split(',');

/** A field quoted when it holds a comma, a quote or a line break. */
const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The run as CSV: one row per candidate, every row carrying the seed, backend, date, duration, label and settings. */
export function runToCsvFile(run: Run): string {
  const meta = [
    String(run.seed),
    run.backend,
    run.createdAt,
    run.durationMs === undefined ? '' : String(Math.round(run.durationMs)),
    run.label ?? '',
    ...SETTING_FIELDS.map((f) => String(run.settings[f.key])),
  ].map(field);
  const head = [...META, ...SETTING_FIELDS.map((f) => f.key)].join(',');
  const lines = runToCsv(run).trimEnd().split('\n');
  return `${[`${lines[0]},${head}`, ...lines.slice(1).map((l) => `${l},${meta.join(',')}`)].join('\n')}\n`;
}

/** RFC 4180 fields: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      cell = '';
      if (row.some((x) => x !== '')) rows.push(row);
      row = [];
    } else cell += c;
  }
  if (quoted) throw new RunFileError('the CSV ends inside a quoted field');
  row.push(cell);
  if (row.some((x) => x !== '')) rows.push(row);
  return rows;
}

const int = z.string().regex(/^\d+$/, 'expected a whole number').transform(Number);
const num = z
  .string()
  .regex(/^(NaN|-?Infinity|-?\d+(\.\d+)?(e[+-]?\d+)?)$/i, 'expected a number')
  .transform(Number);
const list = z
  .string()
  .transform((s) => (s.trim() === '' ? [] : s.trim().split(/\s+/)))
  .pipe(z.array(num));
const flag = z.enum(['', '0', '1']);

const rowSchema = z.object({
  round: int,
  index: int,
  edge: int,
  op: int,
  delta_kappa: num,
  delta_regions: num,
  kappa_original: list,
  kappa_pruned: list,
  regions_original: list,
  regions_pruned: list,
  rank_sum: z.union([z.literal('').transform(() => null), int]),
  pruned: flag,
  ms: num.pipe(z.number().min(0)),
});
type Row = z.infer<typeof rowSchema>;

/** A setting's CSV text as the value the settings schema checks. */
function settingValue(kind: 'int' | 'enum' | 'bool', values: readonly (string | number)[] | undefined, s: string): unknown {
  if (kind === 'bool') return s === '1' || s === 'true' ? true : s === '0' || s === 'false' ? false : s;
  if (kind === 'int') return /^\d+$/.test(s) ? Number(s) : s;
  return values?.find((v) => String(v) === s) ?? s;
}

/** What an imported CSV gave: the run, and what it could not carry (for the page to say). */
export interface CsvImport {
  run: Run;
  missing: string[];
}

/**
 * Rebuilds a run from a CSV the page exported. CSVs without the seed and
 * settings columns (exported before they existed) take `fallback`'s settings
 * with the rows' repeat count, seed 0 and an unknown backend, and say so in
 * `missing`. Throws RunFileError naming the row and column of a problem.
 */
export function runFromCsv(text: string, fallback: Settings): CsvImport {
  const [head, ...body] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!head || BASE.some((h, i) => head[i] !== h))
    throw new RunFileError(`not a run CSV (its first line should start with ${BASE.join(',')})`);
  if (body.length === 0) throw new RunFileError('the CSV has no candidate rows');
  const records = body.map((cells, i) => {
    if (cells.length !== head.length) throw new RunFileError(`CSV line ${i + 2} has ${cells.length} fields, the header ${head.length}`);
    return Object.fromEntries(head.map((h, j) => [h, cells[j]])) as Record<string, string>;
  });
  const rows: Row[] = records.map((r, i) => {
    const parsed = rowSchema.safeParse(r);
    if (!parsed.success) throw new RunFileError(firstIssue(parsed.error, `CSV line ${i + 2}`));
    return parsed.data;
  });
  const missing: string[] = [];
  const first = records[0];
  for (const [i, r] of records.entries())
    for (const h of head.slice(BASE.length))
      if (r[h] !== first[h]) throw new RunFileError(`CSV line ${i + 2}: ${h} differs from the first row's`);
  let settings: Settings;
  let seed = 0;
  const hasMeta = head.includes('seed');
  if (hasMeta) {
    const raw = Object.fromEntries(
      SETTING_FIELDS.filter((f) => head.includes(f.key)).map((f) => [
        f.key,
        settingValue(f.kind, 'values' in f ? f.values : undefined, first[f.key]),
      ]),
    );
    const parsed = settingsSchema.safeParse(raw);
    if (!parsed.success) throw new RunFileError(firstIssue(parsed.error, 'CSV settings'));
    settings = parsed.data;
    const s = Number(first.seed);
    if (!/^\d+$/.test(first.seed) || s < SEED.min || s > SEED.max)
      throw new RunFileError(`CSV seed ${JSON.stringify(first.seed)} is not valid`);
    seed = s;
  } else {
    settings = { ...fallback, repeats: Math.max(1, rows[0].kappa_original.length) };
    missing.push("the seed, the backend and the settings (shown: the page's settings with the rows' repeat count, seed 0)");
  }
  const duration = hasMeta && first.duration_ms ? Number(first.duration_ms) : undefined;
  const run = makeRun(seed, settings, hasMeta ? first.backend : 'unknown (CSV)', rebuildEvents(rows, settings), {
    ...(duration !== undefined && Number.isFinite(duration) && { durationMs: duration }),
    ...(hasMeta && first.label && { label: first.label }),
  });
  if (hasMeta && first.created_at) run.createdAt = first.created_at;
  missing.push('per-repeat ratios (recomputed from κ_N and R_N)', 'the NTK spectra', 'where it ran');
  return { run, missing };
}

/** Equal numbers, NaN equal to NaN (a degenerate κ_N's ratio). */
const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** The events of a search whose candidates are `rows`, in the order measured. */
function rebuildEvents(rows: readonly Row[], settings: Settings): SearchEvent[] {
  const events: SearchEvent[] = [];
  let mask: Mask = fullMask();
  let at = 0;
  for (let round = 0; at < rows.length; round++) {
    const candidates = listCandidates(mask);
    if (candidates.length === 0) throw new RunFileError(`CSV line ${at + 2}: the search had ended before round ${round + 1}`);
    events.push({ type: 'round-start', round, mask: mask.map((r) => r.slice()), candidates });
    const measured: CandidateEvent[] = [];
    for (; at < rows.length && rows[at].round === round; at++) {
      const r = rows[at];
      const c = candidates[r.index];
      if (measured.some((m) => m.index === r.index))
        throw new RunFileError(`CSV line ${at + 2}: candidate ${r.index} of round ${round + 1} twice`);
      if (!c || c.edge !== r.edge || c.op !== r.op)
        throw new RunFileError(`CSV line ${at + 2}: candidate ${r.index} of round ${round + 1} is not edge ${r.edge} op ${r.op}`);
      const pairs = (a: number[], b: number[], what: string): [number, number][] => {
        if (a.length !== settings.repeats || b.length !== settings.repeats)
          throw new RunFileError(`CSV line ${at + 2}: ${what} has ${a.length}/${b.length} values for ${settings.repeats} repeats`);
        return a.map((x, i) => [x, b[i]]);
      };
      const kappa = deltaFromPairs(pairs(r.kappa_original, r.kappa_pruned, 'κ_N'), settings.precision);
      const regions = deltaFromPairs(pairs(r.regions_original, r.regions_pruned, 'R_N'), settings.precision);
      if (!same(kappa.mean, r.delta_kappa) || !same(regions.mean, r.delta_regions))
        throw new RunFileError(`CSV line ${at + 2}: delta_kappa or delta_regions does not follow from the κ_N and R_N values`);
      const event: CandidateEvent = {
        type: 'candidate',
        round,
        index: r.index,
        edge: r.edge,
        op: r.op,
        kappa: { original: r.kappa_original, pruned: r.kappa_pruned },
        regions: { original: r.regions_original, pruned: r.regions_pruned },
        deltaKappa: kappa,
        deltaRegions: regions,
        ms: r.ms,
      };
      measured.push(event);
      events.push(event);
    }
    if (at < rows.length && rows[at].round !== round + 1)
      throw new RunFileError(`CSV line ${at + 2}: round ${rows[at].round + 1} where round ${round + 2} was expected`);
    // A round's end is in the CSV as its rows' rank sums.
    const roundRows = rows.filter((r) => r.round === round);
    if (measured.length < candidates.length || roundRows.some((r) => r.rank_sum === null)) {
      if (at < rows.length)
        throw new RunFileError(`CSV: round ${round + 1} has ${measured.length} of ${candidates.length} candidates but later rounds follow`);
      break;
    }
    const ranking = rankCandidates(
      [...measured]
        .sort((a, b) => a.index - b.index)
        .map((e) => ({ edge: e.edge, op: e.op, deltaKappa: e.deltaKappa.mean, deltaRegions: e.deltaRegions.mean })),
      settings.precision,
    );
    for (const k of ranking.ranked) {
      const r = roundRows.find((x) => x.edge === k.edge && x.op === k.op);
      if (r && (r.rank_sum !== k.rankSum || (r.pruned === '1') !== k.pruned))
        throw new RunFileError(
          `CSV: round ${round + 1}'s rank sums or pruned marks differ from the official rule's (a run with pins or hand prunes?) — import its JSON file instead`,
        );
    }
    let next = mask;
    for (const p of ranking.pruned) next = withoutOp(next, p);
    events.push({ type: 'round-end', round, ranked: ranking.ranked, pruned: ranking.pruned, mask: next });
    mask = next;
    if (listCandidates(mask).length === 0) {
      const ops = mask.map((row) => row.findIndex((v, i) => i > 0 && v === 1)).map((i) => Math.max(0, i));
      events.push({ type: 'result', ops, arch: opsToArch(ops), rounds: round + 1 });
    }
  }
  return events;
}
