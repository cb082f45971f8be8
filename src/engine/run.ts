/**
 * A run as data: settings, seed, backend and every engine event, in a
 * versioned JSON format validated with zod when read back (the CLI writes it,
 * the app imports and replays it).
 */
import { z } from 'zod';
import { searchEventSchema } from './events';
import type { SearchEvent } from './events';
import type { Settings } from './settings';
import { settingsSchema } from './settings';

export const RUN_FORMAT = 'te-nas-explorer/run';
export const RUN_VERSION = 1;

export const runSchema = z.object({
  format: z.literal(RUN_FORMAT),
  version: z.literal(RUN_VERSION),
  createdAt: z.string(),
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  settings: settingsSchema,
  backend: z.string(),
  /** Where it ran (e.g. "node 20 wasm", a browser's user agent). */
  environment: z.string().optional(),
  events: z.array(searchEventSchema),
  /** Wall time of the whole run, when it finished. */
  durationMs: z.number().min(0).optional(),
});

export type Run = z.infer<typeof runSchema>;

export function makeRun(seed: number, settings: Settings, backend: string, events: SearchEvent[], extra: Partial<Pick<Run, 'environment' | 'durationMs'>> = {}): Run {
  return { format: RUN_FORMAT, version: RUN_VERSION, createdAt: new Date().toISOString(), seed, settings, backend, events, ...extra };
}

export class RunFileError extends Error {}

/** Parses a run file's text, with a message that says what is wrong. */
export function parseRun(text: string): Run {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new RunFileError(`not a JSON file (${(e as Error).message})`);
  }
  if (typeof json === 'object' && json !== null) {
    const o = json as Record<string, unknown>;
    if (o.format !== RUN_FORMAT) throw new RunFileError(`not a TE-NAS Explorer run (format is ${JSON.stringify(o.format)}, expected "${RUN_FORMAT}")`);
    if (o.version !== RUN_VERSION) throw new RunFileError(`run format version ${JSON.stringify(o.version)} is not supported (this app reads version ${RUN_VERSION})`);
  }
  const r = runSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new RunFileError(`invalid run file at ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  return r.data;
}

export function runResult(run: Run) {
  return run.events.find((e) => e.type === 'result');
}
