/**
 * Command-line flags shared by the CLI and the benchmark scripts: integer
 * options, the seed, the preset and the search settings' flags — the last
 * derived from the engine's settings table (names, kinds, limits), so a limit
 * changes in one place. No Node import, so that `bench/browser.bench.mjs` can
 * use it without loading the Node backends.
 */
import { PRESET_NAMES, type PresetName, type Settings } from '../engine/model/settings';
import { SEED, type SettingField, SETTING_FIELDS } from '../engine/model/settings-table';

/** Parsed flags; a repeatable flag (`--pin`, `--prune`) gives a list. */
export type Values = Record<string, string | boolean | string[] | undefined>;

export class OptionError extends Error {}

export function intOption(v: Values, name: string, min: number, max: number): number | undefined {
  const raw = v[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new OptionError(`--${name} must be an integer in ${min}..${max} (got "${raw}")`);
  return n;
}

/** `--seed`, 0 when absent. */
export function seedFrom(v: Values): number {
  return intOption(v, SEED.flag, SEED.min, SEED.max) ?? 0;
}

/** `--preset`, `fallback` when absent. */
export function presetFrom(v: Values, fallback: PresetName): PresetName {
  const raw = v.preset ?? fallback;
  const preset = PRESET_NAMES.find((p) => p === raw);
  if (!preset) throw new OptionError(`--preset must be one of ${PRESET_NAMES.join(', ')} (got "${raw}")`);
  return preset;
}

type FlagField = SettingField & { flag: string };

/** The settings the command line can override, in the table's order. */
export const SETTING_FLAGS: readonly FlagField[] = SETTING_FIELDS.filter(
  (f): f is FlagField & (typeof SETTING_FIELDS)[number] => 'flag' in f,
);

type Flagged = Extract<(typeof SETTING_FIELDS)[number], { flag: string }>;
/** Each settings flag as `parseArgs` declares it, so that the parsed values are typed by flag. */
type FlagOptions = { [F in Flagged as F['flag']]: { type: F['kind'] extends 'bool' ? 'boolean' : 'string' } };

/** `parseArgs` options of the settings flags: a bool setting is a switch (present: on), the others take a value. */
export const SETTING_FLAG_OPTIONS = Object.fromEntries(
  SETTING_FLAGS.map((f) => [f.flag, { type: f.kind === 'bool' ? 'boolean' : 'string' }]),
) as FlagOptions;

/** "[--batch 2..128]", "[--classes 10|100|120]", "[--shared-batch]". */
function usageOf(f: FlagField): string {
  if (f.kind === 'bool') return `[--${f.flag}]`;
  return `[--${f.flag} ${f.kind === 'int' ? `${f.min}..${f.max}` : f.values.join('|')}]`;
}

/** The settings flags for a usage text, e.g. "[--classes 10|100|120] [--batch 2..128] … [--shared-batch]". */
export const SETTING_FLAG_USAGE = SETTING_FLAGS.map(usageOf).join(' ');

/** One flag's value, validated against the table; undefined when the flag is absent (a switch: when not given). */
function flagValue(f: FlagField, v: Values): Settings[keyof Settings] | undefined {
  const raw = v[f.flag];
  if (raw === undefined) return undefined;
  if (f.kind === 'int') return intOption(v, f.flag, f.min, f.max);
  if (f.kind === 'bool') return raw === true ? true : undefined;
  const value = f.values.find((x) => String(x) === String(raw).trim());
  if (value === undefined) throw new OptionError(`--${f.flag} must be one of ${f.values.join(', ')} (got "${raw}")`);
  return value as Settings[keyof Settings];
}

/** The settings given on the command line (to lay over a preset), each checked against its limits. */
export function settingOverrides(v: Values): Partial<Settings> {
  const out: Partial<Record<keyof Settings, Settings[keyof Settings]>> = {};
  for (const f of SETTING_FLAGS) {
    const value = flagValue(f, v);
    if (value !== undefined) out[f.key as keyof Settings] = value;
  }
  return out as Partial<Settings>;
}
