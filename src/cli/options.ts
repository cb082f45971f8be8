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
import { setCandidateHelpers } from '../engine/search/candidate-pool';
import { KERNEL_CHOICES, type KernelChoice } from '../engine/kernels/own-kernels';
import { PRESETS, parseSettings } from '../engine/model/settings';
import type { PresetName, Settings } from '../engine/model/settings';
import { intOption, OptionError, presetFrom, seedFrom, settingOverrides } from './flags';
import type { Values } from './flags';

export { intOption, OptionError, seedFrom } from './flags';
export type { Values } from './flags';

/** The preset (search and score default to the official one; with `--space darts`, the DARTS official one) with the settings flags laid over it. */
export function settingsFrom(v: Values): { preset: PresetName; settings: Settings } {
  const preset = presetFrom(v, v.space === 'darts' ? 'darts' : 'official');
  return { preset, settings: parseSettings({ ...PRESETS[preset], ...settingOverrides(v) }) };
}

/** `--kernels tfjs|own` (wasm: tfjs's convolution kernels or the project's own; default own). */
export function kernelsFrom(v: Values): KernelChoice {
  const k = String(v.kernels ?? 'own');
  if (!KERNEL_CHOICES.includes(k as KernelChoice)) throw new OptionError(`--kernels must be ${KERNEL_CHOICES.join(' or ')} (got "${k}")`);
  return k as KernelChoice;
}

export async function backendFrom(v: Values): Promise<NodeBackend> {
  const b = String(v.backend ?? 'wasm');
  if (b !== 'wasm' && b !== 'cpu') throw new OptionError(`--backend must be wasm or cpu in Node (got "${b}")`);
  const workers = intOption(v, 'workers', 1, 64) ?? defaultWorkers();
  // wasm flavour: 1 = single-threaded SIMD (default), 2..8 = threaded-SIMD with that many threads
  const threads = intOption(v, 'threads', 1, MAX_WASM_THREADS) ?? 1;
  if (threads > 1 && b !== 'wasm') throw new OptionError('--threads applies to --backend wasm only');
  await setNodeBackend(b, { threads, kernels: kernelsFrom(v) });
  // Threads sharing the rows of every NTK (NB201), or the candidates of every DARTS round: this one plus workers − 1 helpers.
  const { helpers } = startRowHelpers(workers - 1, b);
  setRowHelpers(helpers, b);
  setCandidateHelpers(helpers);
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
  const seed = seedFrom(v);
  const { preset, settings } = settingsFrom(v);
  const chunk = intOption(v, 'chunk', 1, 128);
  const backend = await backendFrom(v);
  const read = nodeReadAsset();
  const [data, table] = await Promise.all([loadCifar(read), loadNb201(read)]);
  return { seed, preset, settings, chunk, backend, data, table };
}
