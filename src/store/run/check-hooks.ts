/**
 * The worker's checks, for the test hook (window.__tenas) and benchmarks: a
 * backend compare and a fidelity fixture on a chosen backend and kernel
 * choice. Refused while a search runs (they switch the worker's backend).
 */
import type { KernelChoice } from '../../engine/kernels/own-kernels';
import type { BackendName, CompareResult, PageFixtureReport } from '../../worker/protocol';
import type { SpaceName } from '../../engine/model/settings-table';
import { getState } from '../store';
import { engineApi } from './controller';

function idleApi() {
  const api = engineApi();
  if (!api) throw new Error('the engine is not running');
  const s = getState().run.status;
  if (s === 'running' || s === 'paused') throw new Error('a search is running');
  return api;
}

export async function compareBackend(backend: BackendName, space?: SpaceName, kernels?: KernelChoice): Promise<CompareResult> {
  return idleApi().compare(backend, space, kernels);
}

export async function fixtureOn(json: unknown, backend: BackendName, kernels: KernelChoice): Promise<PageFixtureReport> {
  return idleApi().fixture(json, backend, kernels);
}
