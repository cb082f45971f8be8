/** Parsing and validation of the CLI's shared options. */
import { loadCifar } from '../engine/data/cifar';
import type { CifarData } from '../engine/data/cifar';
import { loadNb201 } from '../engine/data/nb201';
import type { Nb201Table } from '../engine/data/nb201';
import { nodeReadAsset } from '../node/assets';
import { MAX_WASM_THREADS, setNodeBackend } from '../node/backend';
import type { NodeBackend } from '../node/backend';
import { defaultWorkers, startRowHelpers } from '../node/row-helpers';
import { setRowHelpers } from '../engine/measures/rows';
import { PRESET_NAMES, PRESETS, parseSettings } from '../engine/model/settings';
import type { PresetName, Settings } from '../engine/model/settings';

export type Values = Record<string, string | boolean | undefined>;

export class OptionError extends Error {}

export function intOption(v: Values, name: string, min: number, max: number): number | undefined {
  const raw = v[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new OptionError(`--${name} must be an integer in ${min}..${max} (got "${raw}")`);
  return n;
}

export function settingsFrom(v: Values): { preset: PresetName; settings: Settings } {
  const preset = String(v.preset ?? 'official') as PresetName;
  if (!PRESET_NAMES.includes(preset)) throw new OptionError(`--preset must be one of ${PRESET_NAMES.join(', ')} (got "${v.preset}")`);
  const classes = intOption(v, 'classes', 1, 1000) ?? 10;
  if (![10, 100, 120].includes(classes)) throw new OptionError(`--classes must be 10, 100 or 120 (got ${classes})`);
  const s: Settings = { ...PRESETS[preset], numClasses: classes as Settings['numClasses'] };
  const batch = intOption(v, 'batch', 2, 128);
  const repeats = intOption(v, 'repeats', 1, 10);
  const rb = intOption(v, 'region-batches', 1, 10);
  const rbs = intOption(v, 'region-batch-size', 10, 2000);
  const shared = v['shared-batch'] === true;
  return {
    preset,
    settings: parseSettings({
      ...s,
      ...(batch !== undefined && { batchSize: batch }),
      ...(repeats !== undefined && { repeats }),
      ...(rb !== undefined && { regionBatches: rb }),
      ...(rbs !== undefined && { regionBatchSize: rbs }),
      ...(shared && { sharedBatch: true }),
    }),
  };
}

export async function backendFrom(v: Values): Promise<NodeBackend> {
  const b = String(v.backend ?? 'wasm');
  if (b !== 'wasm' && b !== 'cpu') throw new OptionError(`--backend must be wasm or cpu in Node (got "${b}")`);
  const workers = intOption(v, 'workers', 1, 64) ?? defaultWorkers();
  // wasm flavour: 1 = single-threaded SIMD (default), 2..8 = threaded-SIMD with that many threads
  const threads = intOption(v, 'threads', 1, MAX_WASM_THREADS) ?? 1;
  if (threads > 1 && b !== 'wasm') throw new OptionError('--threads applies to --backend wasm only');
  await setNodeBackend(b, { threads });
  // Threads sharing the rows of every NTK: this one plus workers − 1 helpers.
  setRowHelpers(startRowHelpers(workers - 1, b).helpers, b);
  return b;
}

/** What every measuring command needs: seed, settings, chunk, the backend (initialised) and the data. */
export async function commandSetup(v: Values): Promise<{
  seed: number;
  preset: PresetName;
  settings: Settings;
  chunk: number | undefined;
  backend: NodeBackend;
  data: CifarData;
  table: Nb201Table;
}> {
  const seed = intOption(v, 'seed', 0, 2 ** 31 - 1) ?? 0;
  const { preset, settings } = settingsFrom(v);
  const chunk = intOption(v, 'chunk', 1, 128);
  const backend = await backendFrom(v);
  const read = nodeReadAsset();
  const [data, table] = await Promise.all([loadCifar(read), loadNb201(read)]);
  return { seed, preset, settings, chunk, backend, data, table };
}
