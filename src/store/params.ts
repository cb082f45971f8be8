/**
 * Every user-facing setting of the page, as one declarative table of
 * properties (like TensorFlow Playground's state.ts): name in the URL, type,
 * default, range and how to parse and serialise it. The URL is read and
 * written only through this table, and every value is validated.
 */
import { PRESET_NAMES, PRESETS, type PresetName, type Settings } from '../engine/model/settings';
import { BACKEND_CHOICES, type BackendChoice, PARALLEL_CHOICES, type Parallel } from '../worker/protocol';

export const SPEEDS = ['full', 'slow', 'slower'] as const;
export type Speed = (typeof SPEEDS)[number];
/** Pause after each candidate, per speed. */
export const SPEED_DELAY_MS: Record<Speed, number> = { full: 0, slow: 700, slower: 2000 };
export const SPEED_LABELS: Record<Speed, string> = { full: 'full speed', slow: 'slow motion', slower: 'teaching (very slow)' };

export interface Params {
  preset: PresetName;
  numClasses: Settings['numClasses'];
  seed: number;
  batchSize: number;
  repeats: number;
  regionBatches: number;
  regionBatchSize: number;
  init: Settings['init'];
  reinitEachRepeat: boolean;
  augment: boolean;
  precision: number;
  sharedBatch: boolean;
  backend: BackendChoice;
  parallel: Parallel;
  speed: Speed;
  large: boolean;
}

type Kind = 'int' | 'enum' | 'bool';

export interface Property<K extends keyof Params = keyof Params> {
  /** Key in the URL query. */
  name: string;
  key: K;
  kind: Kind;
  /** The default; for settings it depends on the preset parsed before it. */
  defaultOf: (preset: PresetName) => Params[K];
  min?: number;
  max?: number;
  values?: readonly Params[K][];
  /** Human description of valid values, for messages. */
  valid: string;
}

function fromPreset<K extends keyof Settings & keyof Params>(key: K): (p: PresetName) => Params[K] {
  return (p) => PRESETS[p][key] as Params[K];
}

/** The properties, in URL order; `preset` comes first because settings default to it. */
export const PROPERTIES: readonly Property[] = [
  { name: 'preset', key: 'preset', kind: 'enum', values: PRESET_NAMES, defaultOf: () => 'quick', valid: PRESET_NAMES.join(' | ') },
  { name: 'classes', key: 'numClasses', kind: 'enum', values: [10, 100, 120], defaultOf: () => 10, valid: '10 | 100 | 120' },
  { name: 'seed', key: 'seed', kind: 'int', min: 0, max: 2 ** 31 - 1, defaultOf: () => 0, valid: `an integer 0..${2 ** 31 - 1}` },
  { name: 'batch', key: 'batchSize', kind: 'int', min: 2, max: 128, defaultOf: fromPreset('batchSize'), valid: 'an integer 2..128' },
  { name: 'repeats', key: 'repeats', kind: 'int', min: 1, max: 10, defaultOf: fromPreset('repeats'), valid: 'an integer 1..10' },
  { name: 'rb', key: 'regionBatches', kind: 'int', min: 1, max: 10, defaultOf: fromPreset('regionBatches'), valid: 'an integer 1..10' },
  {
    name: 'rbs',
    key: 'regionBatchSize',
    kind: 'int',
    min: 10,
    max: 2000,
    defaultOf: fromPreset('regionBatchSize'),
    valid: 'an integer 10..2000',
  },
  {
    name: 'init',
    key: 'init',
    kind: 'enum',
    values: ['pytorch-default', 'kaiming-normal'],
    defaultOf: fromPreset('init'),
    valid: 'pytorch-default | kaiming-normal',
  },
  { name: 'reinit', key: 'reinitEachRepeat', kind: 'bool', defaultOf: fromPreset('reinitEachRepeat'), valid: '0 | 1' },
  { name: 'augment', key: 'augment', kind: 'bool', defaultOf: fromPreset('augment'), valid: '0 | 1' },
  { name: 'precision', key: 'precision', kind: 'int', min: 1, max: 8, defaultOf: fromPreset('precision'), valid: 'an integer 1..8' },
  { name: 'shared', key: 'sharedBatch', kind: 'bool', defaultOf: fromPreset('sharedBatch'), valid: '0 | 1' },
  { name: 'backend', key: 'backend', kind: 'enum', values: BACKEND_CHOICES, defaultOf: () => 'auto', valid: BACKEND_CHOICES.join(' | ') },
  { name: 'par', key: 'parallel', kind: 'enum', values: PARALLEL_CHOICES, defaultOf: () => 'rows', valid: PARALLEL_CHOICES.join(' | ') },
  { name: 'speed', key: 'speed', kind: 'enum', values: SPEEDS, defaultOf: () => 'full', valid: SPEEDS.join(' | ') },
  { name: 'large', key: 'large', kind: 'bool', defaultOf: () => false, valid: '0 | 1' },
] as Property[];

/** Parses one raw value; undefined when invalid. */
export function parseValue(p: Property, raw: string): Params[keyof Params] | undefined {
  const s = raw.trim();
  if (p.kind === 'bool') return s === '1' || s === 'true' ? true : s === '0' || s === 'false' ? false : undefined;
  if (p.kind === 'int') {
    if (!/^-?\d+$/.test(s)) return undefined;
    const n = Number(s);
    return Number.isSafeInteger(n) && n >= (p.min ?? -Infinity) && n <= (p.max ?? Infinity) ? n : undefined;
  }
  const values = p.values ?? [];
  return values.find((v) => String(v) === s);
}

export function serialiseValue(p: Property, v: Params[keyof Params]): string {
  return p.kind === 'bool' ? (v ? '1' : '0') : String(v);
}

export function defaults(preset: PresetName = 'quick'): Params {
  const out = {} as Record<keyof Params, Params[keyof Params]>;
  for (const p of PROPERTIES) out[p.key] = p.defaultOf(preset);
  out.preset = preset;
  return out as Params;
}

export interface ParsedQuery {
  params: Params;
  /** Visible messages: unknown keys, invalid values replaced by defaults. */
  notices: string[];
}

/** Shortens a URL value for a message (a pasted link may hold anything, of any length). */
export function clip(raw: string, max = 40): string {
  const s = JSON.stringify(raw);
  return s.length <= max ? s : `${s.slice(0, max)}…" (${raw.length} characters)`;
}

/** Unknown keys named one by one up to this many, then counted. */
const MAX_NAMED_KEYS = 5;

/** Reads params from a query string; never throws. */
export function parseQuery(search: string): ParsedQuery {
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(search);
  } catch {
    return { params: defaults(), notices: ['The URL could not be read; using the default settings.'] };
  }
  const notices: string[] = [];
  const known = new Set(PROPERTIES.map((p) => p.name));
  const unknown = [...new Set(q.keys())].filter((k) => !known.has(k));
  for (const key of unknown.slice(0, MAX_NAMED_KEYS)) notices.push(`Unknown URL parameter ${clip(key)} ignored.`);
  if (unknown.length > MAX_NAMED_KEYS) notices.push(`${unknown.length - MAX_NAMED_KEYS} more unknown URL parameters ignored.`);
  const out = {} as Record<keyof Params, Params[keyof Params]>;
  let preset: PresetName = 'quick';
  for (const p of PROPERTIES) {
    const raw = q.get(p.name);
    const fallback = p.defaultOf(preset);
    let v = fallback;
    if (raw !== null) {
      const parsed = parseValue(p, raw);
      if (parsed === undefined)
        notices.push(`URL parameter ${p.name}=${clip(raw)} is not valid (expected ${p.valid}); using ${serialiseValue(p, fallback)}.`);
      else v = parsed;
    }
    out[p.key] = v;
    if (p.key === 'preset') preset = v as PresetName;
  }
  return { params: out as Params, notices };
}

export function toQuery(params: Params): string {
  const q = new URLSearchParams();
  for (const p of PROPERTIES) q.set(p.name, serialiseValue(p, params[p.key]));
  return q.toString();
}

export function settingsOf(p: Params): Settings {
  return {
    numClasses: p.numClasses,
    batchSize: p.batchSize,
    repeats: p.repeats,
    regionBatches: p.regionBatches,
    regionBatchSize: p.regionBatchSize,
    init: p.init,
    reinitEachRepeat: p.reinitEachRepeat,
    augment: p.augment,
    precision: p.precision,
    sharedBatch: p.sharedBatch,
  };
}

/** Params with a preset's settings applied (the class head, seed and view settings are kept). */
export function withPreset(p: Params, preset: PresetName): Params {
  const s = PRESETS[preset];
  return { ...p, ...s, numClasses: p.numClasses, preset };
}
