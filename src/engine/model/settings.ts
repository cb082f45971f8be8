/**
 * Search settings and their named presets.
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
 *
 * `sharedBatch` is off in every preset (the official behaviour). On, all the
 * candidates of a round see the same NTK batch, NTK weights, thin-net weights
 * and crops for each repeat, so κ_N and R_N of the unpruned supernet are
 * measured once per repeat per round instead of once per candidate: about half
 * the measurements, but not the official schedule (see `search.ts`). Run files
 * written before the field existed parse as `false`.
 */
import { z } from 'zod';

export const PRESET_NAMES = ['official', 'paper', 'quick'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const CLASS_COUNTS = [10, 100, 120] as const;

export const settingsSchema = z.object({
  /** Classifier width: 10 (CIFAR-10), 100 (CIFAR-100), 120 (ImageNet16-120); the images stay CIFAR-10's. */
  numClasses: z.union([z.literal(10), z.literal(100), z.literal(120)]),
  /** Images per NTK batch (rows of J). */
  batchSize: z.number().int().min(2).max(128),
  /** Repeats of each measurement per candidate. */
  repeats: z.number().int().min(1).max(10),
  /** R_N inputs: this many forward batches… */
  regionBatches: z.number().int().min(1).max(10),
  /** …of this many 3 × 3 crops each. */
  regionBatchSize: z.number().int().min(10).max(2000),
  init: z.enum(['pytorch-default', 'kaiming-normal']),
  /** Redraw the weights for every repeat (paper text) instead of once per round / candidate (official code). */
  reinitEachRepeat: z.boolean(),
  /** Random horizontal flip and pad-4 random crop of the NTK batch. */
  augment: z.boolean(),
  /** Decimals of the per-repeat ratios and significant figures of the sort keys. */
  precision: z.number().int().min(1).max(8),
  /**
   * All candidates of a round share each repeat's NTK batch, weights and crops,
   * so the unpruned supernet is measured once per repeat per round (not the
   * official behaviour, which measures it again for every candidate). Optional
   * in external input (older run files), default false.
   */
  sharedBatch: z.boolean().default(false),
});

export type Settings = z.infer<typeof settingsSchema>;

export const PRESETS: Record<PresetName, Settings> = {
  official: {
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
};

export const PRESET_LABELS: Record<PresetName, string> = {
  official: 'official code',
  paper: 'paper text',
  quick: 'quick demo',
};

/** Settings fields added after the first run files were written, with the value their absence means. */
const ADDED_LATER: Partial<Settings> = { sharedBatch: false };

/** The preset whose settings equal these, if any (settings stored before a field existed count as its default). */
export function presetOf(settings: Settings): PresetName | null {
  const s: Settings = { ...ADDED_LATER, ...settings };
  for (const name of PRESET_NAMES) {
    const p = PRESETS[name];
    if ((Object.keys(p) as (keyof Settings)[]).every((k) => k === 'numClasses' || p[k] === s[k])) return name;
  }
  return null;
}

/** Validates settings from outside, with a message naming the first bad field. */
export function parseSettings(x: unknown): Settings {
  const r = settingsSchema.safeParse(x);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`invalid settings: ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  return r.data;
}
