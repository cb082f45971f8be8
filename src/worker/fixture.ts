/**
 * A fidelity fixture (../shared/fixtures, any kind) checked in the page's
 * worker on a chosen backend and kernel choice: the WebGPU path, which Node
 * cannot run, measured against the official implementation's values
 * (bench/webgpu-fixtures.ts sends the files). The fixture is validated
 * (zod) like the CLI's; the backend and kernels in force before are restored.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkFixture, fixtureNeedsImages, parseFixture } from '../engine/checks/fixtures';
import { type KernelChoice, kernelChoice, selectKernels } from '../engine/kernels/own-kernels';
import { activate } from './backend';
import { getCifar } from './data';
import type { BackendName, PageFixtureReport } from './protocol';

export async function checkFixtureOn(json: unknown, backend: BackendName, kernels: KernelChoice): Promise<PageFixtureReport> {
  const fixture = parseFixture(json);
  const previous = tf.getBackend() as BackendName;
  const previousKernels = kernelChoice();
  if (!(await activate(backend))) throw new Error(`the ${backend} backend cannot start here`);
  try {
    selectKernels(kernels);
    const data = fixtureNeedsImages(fixture) ? await getCifar() : null;
    const t0 = performance.now();
    const r = await checkFixture(fixture, data!, { backend });
    return { ...r, backend, kernels, ms: performance.now() - t0 };
  } finally {
    selectKernels(previousKernels);
    if (previous && previous !== backend) await activate(previous);
  }
}
