/**
 * The search settings as one declarative table: for each field of `Settings`
 * its name in the page's URL, its command-line flag, its kind and limits, a
 * short description and where it comes from. Everything else is derived from
 * here: the zod schema and the presets' type (`settings.ts`), the URL
 * properties (`store/params/params.ts`) and the CLI and benchmark flags
 * (`cli/flags.ts`). Limits are written here and nowhere else.
 *
 * The seed, the other input of a search (not a setting: it varies between
 * runs of the same settings), has its limits here too.
 */

/** Classifier widths of NAS-Bench-201's three datasets. */
export const CLASS_COUNTS = [10, 100, 120] as const;

/** Weight initialisations. */
export const INITS = ['pytorch-default', 'kaiming-normal'] as const;

interface FieldBase<K extends string> {
  /** Field of `Settings`. */
  key: K;
  /** Name in the page's URL query. */
  url: string;
  /** Command-line flag without its dashes; absent when the CLI offers none. */
  flag?: string;
  description: string;
  /** Where the setting, its preset values and its limits come from. */
  source: string;
  /**
   * Chosen apart from the preset: the presets hold a default, but choosing a
   * preset keeps the current value and `presetOf` does not compare it.
   */
  presetIndependent?: true;
  /** Value that run and study files written before the field existed mean by its absence. */
  absentMeans?: boolean | string;
}

export interface IntField<K extends string = string> extends FieldBase<K> {
  kind: 'int';
  min: number;
  max: number;
}

export interface EnumField<K extends string = string, V extends string | number = string | number> extends FieldBase<K> {
  kind: 'enum';
  values: readonly V[];
}

export interface BoolField<K extends string = string> extends FieldBase<K> {
  kind: 'bool';
}

export type SettingField = IntField | EnumField | BoolField;

/** The search spaces: NAS-Bench-201's cell and the DARTS normal and reduction cells (model/darts). */
export const SPACES = ['nb201', 'darts'] as const;
export type SpaceName = (typeof SPACES)[number];

/** The search settings, in the order of `Settings` and of the URL. */
export const SETTING_FIELDS = [
  {
    key: 'numClasses',
    url: 'classes',
    flag: 'classes',
    kind: 'enum',
    values: CLASS_COUNTS,
    description: "Classifier width: 10 (CIFAR-10), 100 (CIFAR-100), 120 (ImageNet16-120); the images stay CIFAR-10's.",
    source: "NAS-Bench-201's three datasets; a dataset choice, not part of a preset",
    presetIndependent: true,
  },
  {
    key: 'batchSize',
    url: 'batch',
    flag: 'batch',
    kind: 'int',
    min: 2,
    max: 128,
    description: 'Images per NTK batch (rows of J).',
    source: 'official code 72, paper text 32, quick demo 16; the range is this app’s',
  },
  {
    key: 'repeats',
    url: 'repeats',
    flag: 'repeats',
    kind: 'int',
    min: 1,
    max: 10,
    description: 'Repeats of each measurement per candidate.',
    source: 'official code and paper text 3, quick demo 1; the range is this app’s',
  },
  {
    key: 'regionBatches',
    url: 'rb',
    flag: 'region-batches',
    kind: 'int',
    min: 1,
    max: 10,
    description: 'R_N inputs: this many forward batches…',
    source: 'official code 3 (3000 crops), paper text 5 (5000 crops), quick demo 1; the range is this app’s',
  },
  {
    key: 'regionBatchSize',
    url: 'rbs',
    flag: 'region-batch-size',
    kind: 'int',
    min: 10,
    max: 2000,
    description: '…of this many 3 × 3 crops each.',
    source: 'official code and paper text 1000; the range is this app’s',
  },
  {
    key: 'init',
    url: 'init',
    flag: 'init',
    kind: 'enum',
    values: INITS,
    description: 'Weight initialisation of the NTK and thin networks.',
    source: "official code: PyTorch's default (its init_model never matches its own method names); paper text: Kaiming normal",
  },
  {
    key: 'reinitEachRepeat',
    url: 'reinit',
    kind: 'bool',
    description: 'Redraw the weights for every repeat (paper text) instead of once per round / candidate (official code).',
    source: 'paper text (on) versus official code (off)',
  },
  {
    key: 'augment',
    url: 'augment',
    kind: 'bool',
    description: 'Random horizontal flip and pad-4 random crop of the NTK batch.',
    source: 'official code (on in every preset)',
  },
  {
    key: 'precision',
    url: 'precision',
    flag: 'precision',
    kind: 'int',
    min: 1,
    max: 8,
    description: 'Decimals of the per-repeat ratios and significant figures of the sort keys.',
    source: 'official code rounds to 3; the range is this app’s',
  },
  {
    key: 'sharedBatch',
    url: 'shared',
    flag: 'shared-batch',
    kind: 'bool',
    description:
      "All candidates of a round share each repeat's NTK batch, weights and crops, so the unpruned supernet is measured once per repeat per round (not the official behaviour, which measures it again for every candidate).",
    source: 'this app (off in every preset); absent from older run files, which then mean off',
    absentMeans: false,
  },
  {
    key: 'space',
    url: 'space',
    flag: 'space',
    kind: 'enum',
    values: SPACES,
    description: "Search space: NAS-Bench-201's cell (6 edges × 5 ops) or the DARTS normal and reduction cells (2 × 14 edges × 7 ops).",
    source: 'the paper searches both; absent from older run files, which then mean nb201',
    absentMeans: 'nb201',
  },
] as const satisfies readonly SettingField[];

export type SettingKey = (typeof SETTING_FIELDS)[number]['key'];

/** The seed of a search: any 31-bit non-negative integer. */
export const SEED = {
  url: 'seed',
  flag: 'seed',
  min: 0,
  max: 2 ** 31 - 1,
  description: 'Seed of every random stream of a search (NTK batches, crops, weights).',
} as const;
