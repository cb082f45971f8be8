/**
 * Every user-facing setting of the page, as one declarative table of
 * properties (like TensorFlow Playground's state.ts): name in the URL, type,
 * default, range and how to parse and serialise it. The URL is read and
 * written only through this table, and every value is validated. The search
 * settings' properties come from the engine's settings table
 * (`engine/model/settings-table.ts`); only the view's own are declared here.
 */
import { KERNEL_CHOICES, type KernelChoice } from '../../engine/kernels/own-kernels';
import { PRESET_NAMES, PRESETS, type PresetName, type Settings } from '../../engine/model/settings';
import { SEED, type SettingField, SETTING_FIELDS, type SpaceName } from '../../engine/model/settings-table';
import { BACKEND_CHOICES, type BackendChoice, PARALLEL_CHOICES, type Parallel } from '../../worker/protocol';
import { formatOverrideList, parseOverrideList } from '../../engine/search/override-text';
import { Steering } from '../../engine/search/steering';

export const SPEEDS = ['full', 'slow', 'slower'] as const;
export type Speed = (typeof SPEEDS)[number];
/** Pause after each candidate, per speed. */
export const SPEED_DELAY_MS: Record<Speed, number> = { full: 0, slow: 700, slower: 2000 };
/**
 * How long a finished round's ranking and pruned ops stay on screen before the
 * next round starts drawing, per speed (in step mode: until the next step).
 */
export const ROUND_HOLD_MS: Record<Speed, number> = { full: 800, slow: 2500, slower: 5000 };
export const SPEED_LABELS: Record<Speed, string> = { full: 'full speed', slow: 'slow motion', slower: 'teaching (very slow)' };

/** What the page adds to the search settings: the preset they start from, the seed and how the run is shown. */
interface View {
  preset: PresetName;
  seed: number;
  backend: BackendChoice;
  parallel: Parallel;
  /** The kernels of the hot spots: the project's own (default; WebAssembly on wasm, WGSL on WebGPU) or tfjs's. */
  kernels: KernelChoice;
  speed: Speed;
  large: boolean;
  /** Presenter mode: large type, Run / Step / speed only, the trade-off chart and the two pictures large. */
  present: boolean;
  /** Plays recording N (1-based) of public/runs/index.json on load; 0: none. */
  demo: number;
  /**
   * Overrides a new search applies (search/override-text.ts: `pin:3<-0:avg_pool_3x3@2,…`, @N at round N's end,
   * without it from the start; DARTS edges name their cell, `pin:normal:2<-1:sep_conv_3x3@1`), canonical, in the
   * form of the params' space; '' for none. A branch made on the page writes its overrides here.
   */
  steer: string;
}

export type Params = Settings & View;

type Kind = 'int' | 'enum' | 'bool' | 'overrides';

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

const BOOL_VALID = '0 | 1';
const intValid = (min: number, max: number) => `an integer ${min}..${max}`;

/** The URL property of one search setting: its default comes from the preset. */
function settingProperty(f: SettingField): Property {
  const key = f.key as keyof Settings;
  const defaultOf = (preset: PresetName) => PRESETS[preset][key];
  if (f.kind === 'int') return { name: f.url, key, kind: 'int', min: f.min, max: f.max, defaultOf, valid: intValid(f.min, f.max) };
  if (f.kind === 'enum') return { name: f.url, key, kind: 'enum', values: f.values, defaultOf, valid: f.values.join(' | ') } as Property;
  return { name: f.url, key, kind: 'bool', defaultOf, valid: BOOL_VALID };
}

const settingProperties = (presetIndependent: boolean): Property[] =>
  SETTING_FIELDS.filter((f) => 'presetIndependent' in f === presetIndependent).map(settingProperty);

/**
 * The properties, in URL order: `preset` first because settings default to it,
 * then the choices made apart from the preset (class head, seed), the other
 * search settings in the table's order, and the view.
 */
export const PROPERTIES: readonly Property[] = [
  { name: 'preset', key: 'preset', kind: 'enum', values: PRESET_NAMES, defaultOf: () => 'quick', valid: PRESET_NAMES.join(' | ') },
  ...settingProperties(true),
  { name: SEED.url, key: 'seed', kind: 'int', min: SEED.min, max: SEED.max, defaultOf: () => 0, valid: intValid(SEED.min, SEED.max) },
  ...settingProperties(false),
  { name: 'backend', key: 'backend', kind: 'enum', values: BACKEND_CHOICES, defaultOf: () => 'auto', valid: BACKEND_CHOICES.join(' | ') },
  { name: 'par', key: 'parallel', kind: 'enum', values: PARALLEL_CHOICES, defaultOf: () => 'rows', valid: PARALLEL_CHOICES.join(' | ') },
  { name: 'kernels', key: 'kernels', kind: 'enum', values: KERNEL_CHOICES, defaultOf: () => 'own', valid: KERNEL_CHOICES.join(' | ') },
  { name: 'speed', key: 'speed', kind: 'enum', values: SPEEDS, defaultOf: () => 'full', valid: SPEEDS.join(' | ') },
  { name: 'large', key: 'large', kind: 'bool', defaultOf: () => false, valid: BOOL_VALID },
  { name: 'present', key: 'present', kind: 'bool', defaultOf: () => false, valid: BOOL_VALID },
  { name: 'demo', key: 'demo', kind: 'int', min: 0, max: 99, defaultOf: () => 0, valid: intValid(0, 99) },
  {
    name: 'steer',
    key: 'steer',
    kind: 'overrides',
    defaultOf: () => '',
    valid:
      'pin:EDGE:OP or prune:EDGE:OP items, comma-separated, each with an optional @ROUND (e.g. pin:3<-0:avg_pool_3x3@2; DARTS: pin:normal:2<-1:sep_conv_3x3@1)',
  },
] as Property[];

/** Parses one raw value (overrides in the form of `space`); undefined when invalid. */
export function parseValue(p: Property, raw: string, space: SpaceName = 'nb201'): Params[keyof Params] | undefined {
  const s = raw.trim();
  if (p.kind === 'overrides') return overridesValue(s, space);
  if (p.kind === 'bool') return s === '1' || s === 'true' ? true : s === '0' || s === 'false' ? false : undefined;
  if (p.kind === 'int') {
    if (!/^-?\d+$/.test(s)) return undefined;
    const n = Number(s);
    return Number.isSafeInteger(n) && n >= (p.min ?? -Infinity) && n <= (p.max ?? Infinity) ? n : undefined;
  }
  const values = p.values ?? [];
  return values.find((v) => String(v) === s);
}

/** A list of overrides in its canonical form; undefined when malformed or impossible from the start. */
function overridesValue(s: string, space: SpaceName): string | undefined {
  return overridesProblem(s, space) === null ? formatOverrideList(parseOverrideList(s, space)) : undefined;
}

/** What is wrong with a list of overrides of a search in `space` (its syntax, or why one cannot apply), or null. */
export function overridesProblem(s: string, space: SpaceName = 'nb201'): string | null {
  try {
    new Steering([], parseOverrideList(s, space), space);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
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
  // The overrides come after the settings: they are read in the form of the space chosen.
  const space = () => out.space as SpaceName;
  for (const p of PROPERTIES) {
    const raw = q.get(p.name);
    const fallback = p.defaultOf(preset);
    let v = fallback;
    if (raw !== null) {
      const parsed = parseValue(p, raw, space());
      if (parsed === undefined)
        notices.push(
          p.kind === 'overrides'
            ? `URL parameter ${p.name}=${clip(raw)} is not valid (${overridesProblem(raw, space())}); no overrides are applied.`
            : `URL parameter ${p.name}=${clip(raw)} is not valid (expected ${p.valid}); using ${serialiseValue(p, fallback)}.`,
        );
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

/** The search settings of the params (the view's fields dropped). */
export function settingsOf(p: Params): Settings {
  return Object.fromEntries(SETTING_FIELDS.map((f) => [f.key, p[f.key]])) as Settings;
}

/**
 * Params with a preset's settings applied (the choices made apart from the preset — class head, seed — and the view are
 * kept; the overrides too, unless the preset is of another space, whose edges and ops they do not name).
 */
export function withPreset(p: Params, preset: PresetName): Params {
  const kept = SETTING_FIELDS.filter((f) => 'presetIndependent' in f).map((f) => [f.key, p[f.key]]);
  const steer = PRESETS[preset].space === p.space ? p.steer : '';
  return { ...p, ...PRESETS[preset], ...Object.fromEntries(kept), preset, steer };
}
