/**
 * Search settings and their named presets. The fields, their limits and
 * descriptions are declared once, in `settings-table.ts`; the zod schema and
 * the `Settings` type here are derived from that table.
 *
 * - "official code" — what the official TE-NAS code runs for NAS-Bench-201:
 *   NTK batch 72 with flip + pad-4 crop augmentation, 3 repeats, R_N on 3000
 *   crops (3 batches of 1000), PyTorch's default initialisation (the code's
 *   `init_model` never matches its own method names), the NTK supernet drawn
 *   once per round and shared by its candidates, the thin net drawn afresh for
 *   each candidate, repeats differing by data only.
 * - "paper text" — the paper's stated settings: batch 32, 5000 crops (5 × 1000),
 *   Kaiming normal (fan-out for the NTK net, fan-in for the thin net) redrawn
 *   for every repeat; the same augmentation as the official code.
 * - "quick demo" — batch 16, 1 repeat, 1000 crops: a few minutes on WebAssembly.
 * - "DARTS official" — the DARTS space with prune_launch.py's CIFAR-10
 *   settings: NTK batch 14, 3 repeats, 3 × 1000 crops, precision 3 (prune
 *   number 3 and the edge-group step are the space's, search/darts-search.ts).
 *   The ImageNet settings (batch 24, prune number 2) are not offered.
 * - "DARTS quick" — the DARTS space, batch 8, 1 repeat, 1 × 200 crops.
 *
 * `sharedBatch` is off in every preset (the official behaviour). On, all the
 * candidates of a round see the same NTK batch, NTK weights, thin-net weights
 * and crops for each repeat, so κ_N and R_N of the unpruned supernet are
 * measured once per repeat per round instead of once per candidate: about half
 * the measurements, but not the official schedule (see `search.ts`). Run files
 * written before the field existed parse as `false`.
 */
import { z } from 'zod';
import { firstIssue } from '../data/zod-message';
import { SEED, type SettingField, SETTING_FIELDS } from './settings-table';

export const PRESET_NAMES = ['official', 'paper', 'quick', 'darts', 'darts-quick'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

type Field = (typeof SETTING_FIELDS)[number];
type ValueOf<F> = F extends { kind: 'int' }
  ? number
  : F extends { kind: 'bool' }
    ? boolean
    : F extends { values: readonly (infer V)[] }
      ? V
      : never;
/** A field's schema; optional in the input (defaulted) when older files lack it. */
type SchemaOf<F> = F extends { absentMeans: boolean | string } ? z.ZodDefault<z.ZodType<ValueOf<F>>> : z.ZodType<ValueOf<F>>;
type Shape = { [F in Field as F['key']]: SchemaOf<F> };

function fieldSchema(f: SettingField): z.ZodType {
  const base: z.ZodType = f.kind === 'int' ? z.number().int().min(f.min).max(f.max) : f.kind === 'bool' ? z.boolean() : z.literal(f.values);
  return f.absentMeans === undefined ? base : base.default(f.absentMeans);
}

/** The settings as zod validates them, one entry per row of the table (`settings-table.ts`). */
export const settingsSchema = z.object(Object.fromEntries(SETTING_FIELDS.map((f) => [f.key, fieldSchema(f)])) as Shape);

export type Settings = z.infer<typeof settingsSchema>;

export const PRESETS: Record<PresetName, Settings> = {
  official: {
    space: 'nb201',
    numClasses: 10,
    batchSize: 72,
    repeats: 3,
    regionBatches: 3,
    regionBatchSize: 1000,
    init: 'pytorch-default',
    reinitEachRepeat: false,
    augment: true,
    precision: 3,
    sharedBatch: false,
  },
  paper: {
    space: 'nb201',
    numClasses: 10,
    batchSize: 32,
    repeats: 3,
    regionBatches: 5,
    regionBatchSize: 1000,
    init: 'kaiming-normal',
    reinitEachRepeat: true,
    augment: true,
    precision: 3,
    sharedBatch: false,
  },
  quick: {
    space: 'nb201',
    numClasses: 10,
    batchSize: 16,
    repeats: 1,
    regionBatches: 1,
    regionBatchSize: 1000,
    init: 'pytorch-default',
    reinitEachRepeat: false,
    augment: true,
    precision: 3,
    sharedBatch: false,
  },
  darts: {
    space: 'darts',
    numClasses: 10,
    batchSize: 14,
    repeats: 3,
    regionBatches: 3,
    regionBatchSize: 1000,
    init: 'pytorch-default',
    reinitEachRepeat: false,
    augment: true,
    precision: 3,
    sharedBatch: false,
  },
  'darts-quick': {
    space: 'darts',
    numClasses: 10,
    batchSize: 8,
    repeats: 1,
    regionBatches: 1,
    regionBatchSize: 200,
    init: 'pytorch-default',
    reinitEachRepeat: false,
    augment: true,
    precision: 3,
    sharedBatch: false,
  },
};

export const PRESET_LABELS: Record<PresetName, string> = {
  official: 'official code',
  paper: 'paper text',
  quick: 'quick demo',
  darts: 'DARTS official',
  'darts-quick': 'DARTS quick',
};

/** Settings fields added after the first run files were written, with the value their absence means. */
const ADDED_LATER: Partial<Settings> = Object.fromEntries(
  SETTING_FIELDS.flatMap((f) => ('absentMeans' in f ? [[f.key, f.absentMeans]] : [])),
);

/** Fields a preset sets and compares (not the class head). */
const PRESET_KEYS = SETTING_FIELDS.filter((f) => !('presetIndependent' in f)).map((f) => f.key);

/** The preset whose settings equal these, if any (settings stored before a field existed count as its default). */
export function presetOf(settings: Settings): PresetName | null {
  const s: Settings = { ...ADDED_LATER, ...settings };
  for (const name of PRESET_NAMES) {
    const p = PRESETS[name];
    if (PRESET_KEYS.every((k) => p[k] === s[k])) return name;
  }
  return null;
}

/** Validates settings from outside, with a message naming every bad field. */
/** The seed of a search, as run and study files carry it. */
export const seedSchema = z.int().min(SEED.min).max(SEED.max);

export function parseSettings(x: unknown): Settings {
  const r = settingsSchema.safeParse(x);
  if (!r.success) throw new Error(`invalid settings: ${firstIssue(r.error)}`);
  return r.data;
}
