/** Shared set-up of the engine tests: Node backends, the shipped data, the shared fixtures. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import type { CifarData } from '../../src/engine/data/cifar';
import { loadCifar } from '../../src/engine/data/cifar';
import { parseFixture } from '../../src/engine/checks/fixtures';
import type { Fixture } from '../../src/engine/checks/fixtures';
import { nodeReadAsset } from '../../src/node/assets';
import { setNodeBackend } from '../../src/node/backend';
import { kernelChoice, type KernelChoice } from '../../src/engine/kernels/own-kernels';
import type { NodeBackend } from '../../src/node/backend';

export const FIXTURE_DIR = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));

let cifar: Promise<CifarData> | null = null;
export function cifarData(): Promise<CifarData> {
  cifar ??= loadCifar(nodeReadAsset());
  return cifar;
}

/** Sets the backend (wasm: with the own convolution kernels unless `kernels` says tfjs). */
export async function backend(name: NodeBackend, kernels: KernelChoice = 'own'): Promise<void> {
  await setNodeBackend(name, { kernels });
  expect(tf.getBackend()).toBe(name);
  if (name === 'wasm') expect(kernelChoice()).toBe(kernels);
}

/** The backend configurations every fixture runs on: wasm with each kernel choice, and cpu. */
export const FIXTURE_BACKENDS = [
  { name: 'wasm', kernels: 'own', label: 'wasm (own kernels)' },
  { name: 'wasm', kernels: 'tfjs', label: 'wasm (tfjs kernels)' },
  { name: 'cpu', kernels: 'own', label: 'cpu' },
] as const;

/** Every fixture file of a kind in ../shared/fixtures (held-back ones added later are picked up too). */
export function fixtureFiles(kind: Fixture['kind']): { file: string; fixture: Fixture }[] {
  const files = readdirSync(FIXTURE_DIR)
    .filter((f) => f.startsWith(`${kind}-`) && f.endsWith('.json'))
    .sort();
  return files.map((file) => ({ file, fixture: parseFixture(JSON.parse(readFileSync(FIXTURE_DIR + file, 'utf8'))) }));
}
