/**
 * A small, stable API on window.__tenas for end-to-end tests and for curious
 * users in the console. It reads state, runs the worker's compare and
 * benchmark measurements, and can inject the faults the reliability tests need
 * (lost GPU device, worker crash).
 */
import type { SpaceName } from '../../engine/model/settings-table';
import type { KernelChoice } from '../../engine/kernels/own-kernels';
import * as Comlink from 'comlink';
import type { BackendName, BenchReport, BenchRequest, CompareResult, MemoryReport, PageFixtureReport } from '../../worker/protocol';
import type { Waiting } from '../../worker/activity';
import type { SearchEvent } from '../../engine/search/events';
import { compareBackend, fixtureOn } from './check-hooks';
import { engineApi, refreshMemory } from './controller';
import { candidatesDone, TOTAL_CANDIDATES } from './rounds';
import { getState } from '../store';

export interface TenasSnapshot {
  engine: string;
  backend: string | null;
  reason: string | null;
  runStatus: string;
  done: number;
  total: number;
  arch: string | null;
  failure: string | null;
}

export interface TenasHook {
  /** Measures one small network on `backend` (NAS-Bench-201's full supernet, or a one-op-per-edge DARTS pair of cells). */
  compare(backend: BackendName, space?: SpaceName, kernels?: KernelChoice): Promise<CompareResult>;
  /** A fidelity fixture (parsed JSON) checked in the worker on a backend and kernel choice. */
  fixture(json: unknown, backend: BackendName, kernels: KernelChoice): Promise<PageFixtureReport>;
  /** Runs one benchmark measurement in the worker on its current backend (bench/browser.bench.mjs); progress goes to console.info as "[bench] …". */
  bench(req: BenchRequest): Promise<BenchReport>;
  memory(): Promise<MemoryReport | null>;
  /** What the worker is waiting on now (search phase, queued turns, row helpers) and the background job's progress. */
  activity(): Promise<{ worker: Waiting[] | null; job: string | null }>;
  snapshot(): TenasSnapshot;
  /** The current run's events (a copy). */
  events(): SearchEvent[];
  /** Destroys the worker's WebGPU device, as a GPU reset would; false when not on WebGPU. */
  loseDevice(): Promise<boolean>;
  /** Throws an uncaught error in the worker ('oom': an allocation failure). */
  crashWorker(kind?: 'crash' | 'oom'): void;
}

declare global {
  interface Window {
    __tenas?: TenasHook;
  }
}

async function bench(req: BenchRequest): Promise<BenchReport> {
  const api = engineApi();
  if (!api || getState().engine.status !== 'ready') throw new Error('the engine is not ready');
  const run = getState().run.status;
  if (run === 'running' || run === 'paused') throw new Error('a search is running');
  return api.bench(
    req,
    Comlink.proxy((message: string) => console.info(`[bench] ${message}`)),
  );
}

export function installTestHook(): void {
  window.__tenas = {
    compare: compareBackend,
    fixture: fixtureOn,
    bench,
    memory: refreshMemory,
    activity: async () => {
      const job = getState().steer.job;
      return { worker: (await engineApi()?.activity()) ?? null, job: job && `${job.label}: ${job.done} of ${job.total}` };
    },
    events: () => structuredClone(getState().run.events),
    loseDevice: async () => (await engineApi()?.loseDevice()) ?? false,
    crashWorker: (kind = 'crash') => void engineApi()?.crash(kind),
    snapshot: () => {
      const s = getState();
      const result = s.run.events.find((e) => e.type === 'result');
      return {
        engine: s.engine.status,
        backend: s.engine.report?.backend ?? null,
        reason: s.engine.report?.reason ?? null,
        runStatus: s.run.status,
        done: candidatesDone(s.run.events),
        total: TOTAL_CANDIDATES,
        arch: result?.type === 'result' ? result.arch : null,
        failure: s.run.failure?.message ?? s.engine.failure?.message ?? null,
      };
    },
  };
}
