/**
 * A run as data: settings, seed, backend and every engine event, in a
 * versioned JSON format validated with zod when read back (the CLI writes it,
 * the app imports and replays it).
 */
import { z } from 'zod';
import { VersionedFileError, versionedFile } from '../data/versioned-file';
import { anyEventSchema, dartsEventSchema, searchEventSchema } from './events';
import { checkResultArch } from './result-check';
import { nextPoint, OverrideRefused, startPoint } from './overrides';
import type { RoundEndEvent, SearchEvent } from './events';
import type { Settings } from '../model/settings';
import { seedSchema, settingsSchema } from '../model/settings';
import { OPS } from '../model/nb201/space';

export const RUN_FORMAT = 'te-nas-explorer/run';
/**
 * 2: candidate events may carry the NTK eigenvalues (`spectra`) and the run
 * may record that own images were used (`ownImages`). A version-1 file reads
 * as version 2 without them (the page says its pictures are missing).
 * 3: runs may hold override events (search/overrides.ts), carry an `id`, and
 * a branch names its `parent`. A version-2 file reads as version 3 unchanged.
 * 4: runs say their search space (`settings.space`: nb201 or darts; DARTS
 * events carry both cells, ./darts-search). Earlier files are NAS-Bench-201
 * runs and read as version 4 with `space: 'nb201'`.
 */
export const RUN_VERSION = 4;

/** The user's own images a run was measured on: how many, and a hash of their pixels (own-images-hash.ts). */
export const ownImagesSchema = z.object({ count: z.number().int().min(1), hash: z.string().max(64) });
export type OwnImagesRecord = z.infer<typeof ownImagesSchema>;

export const runSchema = z
  .object({
    format: z.literal(RUN_FORMAT),
    version: z.literal(RUN_VERSION),
    createdAt: z.string(),
    seed: seedSchema,
    settings: settingsSchema,
    backend: z.string(),
    /** Where it ran (e.g. "node 20 wasm", a browser's user agent). */
    environment: z.string().optional(),
    /** Validated as NAS-Bench-201 events, or (settings.space darts) as DARTS events. */
    events: z.array(anyEventSchema),
    /** Wall time of the whole run, when it finished. */
    durationMs: z.number().min(0).optional(),
    /** A human label (e.g. "recorded official-settings run"); optional, version 1 files without it stay valid. */
    label: z.string().max(200).optional(),
    /** Set when the run was measured on the user's own images instead of the bundled CIFAR-10 batch. */
    ownImages: ownImagesSchema.optional(),
    /** Names the run, so that its branches can name it (version 3). */
    id: z.string().max(100).optional(),
    /** For a branch: the run it branched from (version 3). */
    parent: z
      .object({
        id: z.string().max(100),
        label: z.string().max(200).optional(),
        /** The parent's events the branch starts with; the branch's override events follow them. */
        events: z.number().int().min(0),
        /** The round the branch point is in (0-based). */
        round: z.number().int().min(0),
      })
      .optional(),
  })
  .superRefine((run, ctx) => {
    // Events in the exact shapes of the run's space (the schema above takes either).
    const r = z.array(run.settings.space === 'darts' ? dartsEventSchema : searchEventSchema).safeParse(run.events);
    for (const issue of r.error?.issues ?? []) ctx.addIssue({ ...issue, path: ['events', ...issue.path] } as never);
  });

export type Run = z.infer<typeof runSchema>;

export function makeRun(
  seed: number,
  settings: Settings,
  backend: string,
  events: SearchEvent[],
  extra: Partial<Pick<Run, 'environment' | 'durationMs' | 'label' | 'ownImages' | 'id' | 'parent'>> = {},
): Run {
  return { format: RUN_FORMAT, version: RUN_VERSION, createdAt: new Date().toISOString(), seed, settings, backend, events, ...extra };
}

export class RunFileError extends VersionedFileError {}

/** Run files larger than this are refused before they are read. */
export const MAX_RUN_BYTES = 50 * 1024 * 1024;

const runFile = versionedFile({
  kind: 'run',
  format: RUN_FORMAT,
  version: RUN_VERSION,
  schema: runSchema,
  maxBytes: MAX_RUN_BYTES,
  sizeNote: 'a full run is well under 1 MB',
  migrate: migrateRun,
  check: (run) => checkRunEvents(run.events, run.settings.space),
  error: RunFileError,
});

/** A version-1 run as version 2: the same fields (its events simply carry no eigenvalues); undefined for other versions. */
export function migrateRun(json: Record<string, unknown>, version: unknown): unknown {
  if (version === 1) return migrateRun({ ...json, version: 2 }, 2);
  // Version 2 as version 3: no overrides, no id, no parent.
  if (version === 2) return migrateRun({ ...json, version: 3 }, 3);
  // Version 3 as version 4: a NAS-Bench-201 run.
  if (version !== 3) return undefined;
  const settings = json.settings !== null && typeof json.settings === 'object' ? { ...json.settings, space: 'nb201' } : json.settings;
  return { ...json, version: 4, settings };
}

/** Parses a run file's text, with a message that says what is wrong (RunFileError). */
export function parseRun(text: string): Run {
  return runFile.parse(text);
}

/** Throws RunFileError for a file too large to import (checked before reading it). */
export function checkRunSize(bytes: number): void {
  runFile.checkSize(bytes);
}

/**
 * Checks what the schema cannot: events in search order (round-start, its
 * candidates, round-end; rounds numbered 0, 1, …), candidates that belong to
 * their round, overrides that belong to the open (or next) round and could
 * be applied where they stand (./overrides), and a result whose arch string
 * is valid and names its ops. Throws RunFileError naming the event.
 */
export function checkRunEvents(events: readonly SearchEvent[], space: 'nb201' | 'darts' = 'nb201'): void {
  let round = 0;
  let open: { candidates: number } | null = null;
  let finished = false;
  let point = startPoint(space);
  events.forEach((e, i) => {
    const at = `events.${i} (${e.type})`;
    if (finished) throw new RunFileError(`invalid run file at ${at}: event after the result`);
    if (e.type === 'override') {
      if (e.round !== round) throw new RunFileError(`invalid run file at ${at}: round ${e.round} where round ${round} was expected`);
      try {
        point = nextPoint(point, e);
      } catch (err) {
        if (err instanceof OverrideRefused) throw new RunFileError(`invalid run file at ${at}: ${err.message}`);
        throw err;
      }
      return;
    }
    point = nextPoint(point, e);
    if (e.type === 'round-start') {
      if (open) throw new RunFileError(`invalid run file at ${at}: round ${e.round} starts before round ${round} ended`);
      if (e.round !== round) throw new RunFileError(`invalid run file at ${at}: round ${e.round} where round ${round} was expected`);
      open = { candidates: e.candidates.length };
    } else if (e.type === 'candidate' || e.type === 'round-end') {
      if (!open || e.round !== round) throw new RunFileError(`invalid run file at ${at}: round ${e.round} is not the open round`);
      if (e.type === 'candidate' && e.index >= open.candidates)
        throw new RunFileError(`invalid run file at ${at}: candidate index ${e.index} but the round lists ${open.candidates}`);
      if (e.type === 'round-end') {
        open = null;
        round++;
      }
    } else {
      const problem = checkResultArch(e, space);
      if (problem) throw new RunFileError(`invalid run file at ${at}.arch: ${problem}`);
      finished = true;
    }
  });
}

/** True when the run ends with its result. */
export function isComplete(run: Pick<Run, 'events'>): boolean {
  return run.events.some((e) => e.type === 'result');
}

const csvNum = (x: number) => (Number.isNaN(x) ? 'NaN' : String(x));

/** The candidates of a run as CSV, one row per measured candidate. */
export function runToCsv(run: Pick<Run, 'events'>): string {
  const rows = [
    'round,index,edge,op,op_name,delta_kappa,delta_regions,kappa_original,kappa_pruned,regions_original,regions_pruned,rank_sum,pruned,ms',
  ];
  const ends = new Map<number, RoundEndEvent>();
  for (const e of run.events) if (e.type === 'round-end') ends.set(e.round, e);
  for (const e of run.events) {
    if (e.type !== 'candidate') continue;
    const ranked = ends.get(e.round)?.ranked.find((r) => r.edge === e.edge && r.op === e.op);
    const list = (v: number[]) => `"${v.map(csvNum).join(' ')}"`;
    rows.push(
      [
        e.round,
        e.index,
        e.edge,
        e.op,
        OPS[e.op],
        csvNum(e.deltaKappa.mean),
        csvNum(e.deltaRegions.mean),
        list(e.kappa.original),
        list(e.kappa.pruned),
        list(e.regions.original),
        list(e.regions.pruned),
        ranked?.rankSum ?? '',
        ranked ? (ranked.pruned ? 1 : 0) : '',
        e.ms.toFixed(1),
      ].join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}
