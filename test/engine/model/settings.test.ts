// The settings table is the one source of the schema, the URL properties and the CLI flags: they must agree with it.
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { OptionError, SETTING_FLAG_OPTIONS, SETTING_FLAG_USAGE, seedFrom, settingOverrides } from '../../../src/cli/flags';
import { settingsFrom } from '../../../src/cli/options';
import { PRESET_NAMES, PRESETS, parseSettings, presetOf, type Settings, settingsSchema } from '../../../src/engine/model/settings';
import { CLASS_COUNTS, SEED, type SettingField, SETTING_FIELDS } from '../../../src/engine/model/settings-table';
import { defaults, PROPERTIES, parseQuery, settingsOf, toQuery, withPreset } from '../../../src/store/params/params';

const FIELDS: readonly SettingField[] = SETTING_FIELDS;
const INTS = FIELDS.filter((f) => f.kind === 'int');
const ENUMS = FIELDS.filter((f) => f.kind === 'enum');
const BOOLS = FIELDS.filter((f) => f.kind === 'bool');
const base = PRESETS.official;
const withField = (f: SettingField, value: unknown) => ({ ...base, [f.key]: value });

describe('the settings table and the schema', () => {
  it('has one row per field of the schema and of every preset, named once in the URL and on the command line', () => {
    const keys = FIELDS.map((f) => f.key);
    expect(keys).toEqual(Object.keys(settingsSchema.shape));
    for (const name of PRESET_NAMES) expect(Object.keys(PRESETS[name]).sort()).toEqual([...keys].sort());
    const urls = FIELDS.map((f) => f.url);
    expect(new Set(urls).size).toBe(urls.length);
    const flags = FIELDS.flatMap((f) => (f.flag ? [f.flag] : []));
    expect(new Set(flags).size).toBe(flags.length);
    for (const f of FIELDS) expect(f.description.length * f.source.length).toBeGreaterThan(0);
  });

  it('parses every preset as it is, and names it', () => {
    for (const name of PRESET_NAMES) {
      expect(parseSettings(PRESETS[name])).toEqual(PRESETS[name]);
      expect(presetOf(PRESETS[name])).toBe(name);
      // The class head is chosen apart from the preset.
      expect(presetOf({ ...PRESETS[name], numClasses: 120 })).toBe(name);
    }
  });

  it('accepts each integer limit and rejects one past it, and non-integers', () => {
    expect(INTS.length).toBeGreaterThan(0);
    for (const f of INTS) {
      if (f.kind !== 'int') continue;
      expect(settingsSchema.safeParse(withField(f, f.min)).success).toBe(true);
      expect(settingsSchema.safeParse(withField(f, f.max)).success).toBe(true);
      expect(settingsSchema.safeParse(withField(f, f.min - 1)).success).toBe(false);
      expect(settingsSchema.safeParse(withField(f, f.max + 1)).success).toBe(false);
      expect(settingsSchema.safeParse(withField(f, f.min + 0.5)).success).toBe(false);
      expect(() => parseSettings(withField(f, f.max + 1))).toThrow(new RegExp(`invalid settings:[^]*${f.key}`));
    }
  });

  it('accepts exactly the listed values of each choice, and booleans only as booleans', () => {
    expect(FIELDS.find((f) => f.key === 'numClasses')).toMatchObject({ kind: 'enum', values: CLASS_COUNTS });
    for (const f of ENUMS) {
      if (f.kind !== 'enum') continue;
      for (const v of f.values) expect(settingsSchema.safeParse(withField(f, v)).success).toBe(true);
      // A listed value in the wrong type ("10" for 10) is refused too.
      const retyped = typeof f.values[0] === 'number' ? String(f.values[0]) : f.values.length;
      for (const bad of [11, 0, 'xavier', retyped, null]) expect(settingsSchema.safeParse(withField(f, bad)).success).toBe(false);
    }
    for (const f of BOOLS) {
      expect(settingsSchema.safeParse(withField(f, true)).success).toBe(true);
      expect(settingsSchema.safeParse(withField(f, 1)).success).toBe(false);
    }
  });

  it('requires every field but those added later, which default to what their absence meant', () => {
    for (const f of FIELDS) {
      const { [f.key as keyof Settings]: _, ...without } = base;
      const r = settingsSchema.safeParse(without);
      expect(r.success, f.key).toBe(f.absentMeans !== undefined);
      if (r.success) expect(r.data[f.key as keyof Settings]).toBe(f.absentMeans);
    }
    expect(FIELDS.filter((f) => f.absentMeans !== undefined).map((f) => f.key)).toEqual(['sharedBatch', 'space']);
  });
});

describe('the URL properties from the table', () => {
  it('keeps the parameter names and their order', () => {
    expect(PROPERTIES.map((p) => p.name)).toEqual([
      'preset',
      'classes',
      'seed',
      'batch',
      'repeats',
      'rb',
      'rbs',
      'init',
      'reinit',
      'augment',
      'precision',
      'shared',
      'space',
      'backend',
      'par',
      'kernels',
      'speed',
      'large',
      'present',
      'demo',
      'steer',
    ]);
    expect([...new URLSearchParams(toQuery(defaults('paper'))).keys()]).toEqual(PROPERTIES.map((p) => p.name));
    for (const f of FIELDS) expect(PROPERTIES.find((p) => p.key === f.key)?.name).toBe(f.url);
  });

  it('round-trips the params of every preset, and its settings', () => {
    for (const name of PRESET_NAMES) {
      const params = defaults(name);
      expect(settingsOf(params)).toEqual(PRESETS[name]);
      const back = parseQuery(toQuery(params));
      expect(back.notices).toEqual([]);
      expect(back.params).toEqual(params);
      // Each setting at its limits round-trips too.
      for (const f of INTS)
        if (f.kind === 'int')
          for (const v of [f.min, f.max]) expect(parseQuery(toQuery({ ...params, [f.key]: v })).params).toEqual({ ...params, [f.key]: v });
    }
  });

  it('takes defaults from the preset and reports values past the limits', () => {
    expect(parseQuery('preset=paper').params).toEqual(defaults('paper'));
    for (const f of INTS) {
      if (f.kind !== 'int') continue;
      for (const bad of [f.min - 1, f.max + 1]) {
        const r = parseQuery(`preset=paper&${f.url}=${bad}`);
        expect(r.params).toEqual(defaults('paper'));
        expect(r.notices).toEqual([
          `URL parameter ${f.url}="${bad}" is not valid (expected an integer ${f.min}..${f.max}); using ${PRESETS.paper[f.key as keyof Settings]}.`,
        ]);
      }
    }
    expect(parseQuery('classes=7').notices).toEqual(['URL parameter classes="7" is not valid (expected 10 | 100 | 120); using 10.']);
    expect(parseQuery('init=xavier').notices).toEqual([
      'URL parameter init="xavier" is not valid (expected pytorch-default | kaiming-normal); using pytorch-default.',
    ]);
    expect(parseQuery('reinit=2').notices).toEqual(['URL parameter reinit="2" is not valid (expected 0 | 1); using 0.']);
    expect(parseQuery(`seed=${SEED.max + 1}`).notices).toEqual([
      `URL parameter seed="${SEED.max + 1}" is not valid (expected an integer 0..2147483647); using 0.`,
    ]);
    expect(parseQuery(`seed=${SEED.max}`).params.seed).toBe(SEED.max);
  });

  it('keeps the class head, seed and view when a preset is chosen', () => {
    const p = { ...defaults('paper'), numClasses: 100 as const, seed: 7, speed: 'slow' as const, batchSize: 9 };
    expect(withPreset(p, 'official')).toEqual({ ...defaults('official'), numClasses: 100, seed: 7, speed: 'slow' });
  });
});

describe('the CLI flags from the table', () => {
  it('offers one flag per setting that has one, in the usage text too', () => {
    const flagged = FIELDS.filter((f) => f.flag);
    expect(Object.keys(SETTING_FLAG_OPTIONS)).toEqual(flagged.map((f) => f.flag));
    for (const f of flagged) expect(SETTING_FLAG_USAGE).toContain(`[--${f.flag}`);
    for (const flag of ['classes', 'batch', 'repeats', 'region-batches', 'region-batch-size', 'shared-batch'])
      expect(SETTING_FLAG_OPTIONS[flag as keyof typeof SETTING_FLAG_OPTIONS], flag).toBeDefined();
    expect(SETTING_FLAG_USAGE).toContain('[--batch 2..128]');
  });

  it('lays the flags over the preset', () => {
    const { values } = parseArgs({
      args: [
        '--batch',
        '12',
        '--repeats',
        '2',
        '--region-batches',
        '4',
        '--region-batch-size',
        '500',
        '--classes',
        '120',
        '--shared-batch',
      ],
      options: { ...SETTING_FLAG_OPTIONS, preset: { type: 'string' } },
    });
    expect(settingOverrides(values)).toEqual({
      batchSize: 12,
      repeats: 2,
      regionBatches: 4,
      regionBatchSize: 500,
      numClasses: 120,
      sharedBatch: true,
    });
    expect(settingsFrom({ ...values, preset: 'paper' })).toEqual({
      preset: 'paper',
      settings: { ...PRESETS.paper, batchSize: 12, repeats: 2, regionBatches: 4, regionBatchSize: 500, numClasses: 120, sharedBatch: true },
    });
    expect(settingsFrom({})).toEqual({ preset: 'official', settings: PRESETS.official });
    expect(settingsFrom({ preset: 'quick', init: 'kaiming-normal', precision: '5' }).settings).toEqual({
      ...PRESETS.quick,
      init: 'kaiming-normal',
      precision: 5,
    });
  });

  it('refuses values past each limit with a message naming the flag and its range', () => {
    for (const f of INTS) {
      if (f.kind !== 'int' || !f.flag) continue;
      for (const bad of [f.min - 1, f.max + 1, 'x'])
        expect(() => settingsFrom({ [f.flag as string]: String(bad) })).toThrow(
          new OptionError(`--${f.flag} must be an integer in ${f.min}..${f.max} (got "${bad}")`),
        );
    }
    expect(() => settingsFrom({ batch: '1' })).toThrow('--batch must be an integer in 2..128 (got "1")');
    expect(() => settingsFrom({ classes: '7' })).toThrow('--classes must be one of 10, 100, 120 (got "7")');
    expect(() => settingsFrom({ preset: 'fast' })).toThrow(
      '--preset must be one of official, paper, quick, darts, darts-quick (got "fast")',
    );
    expect(seedFrom({})).toBe(0);
    expect(seedFrom({ seed: String(SEED.max) })).toBe(SEED.max);
    expect(() => seedFrom({ seed: String(SEED.max + 1) })).toThrow(`--seed must be an integer in 0..${SEED.max} (got "${SEED.max + 1}")`);
  });
});
