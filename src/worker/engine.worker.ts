/// <reference lib="webworker" />
/**
 * The engine worker: owns tfjs and every number the page shows. The page
 * talks to it through comlink with the EngineApi of ./protocol.
 */
import { startupCheck } from '../engine/checks/own-kernel-check';
import { setKernels, type KernelChoice } from '../engine/kernels/own-kernels';
import type { SpaceName } from '../engine/model/settings-table';
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs-core';
import type { SearchEvent } from '../engine/search/events';
import { scoreCell } from '../engine/study/score';
import type { Settings } from '../engine/model/settings';
import { chooseBackend, destroyDevice, deviceLost, whenDeviceLost } from './backend';
import { activity } from './activity';
import { compare } from './compare';
import { checkFixtureOn } from './fixture';
import { configureRowHelpers } from './row-helpers';
import { getCifar, getNb201, setDataBase } from './data';
import { toFailure } from './failure';
import type {
  BackendChoice,
  BackendName,
  Parallel,
  BenchRequest,
  EngineApi,
  InitOutcome,
  MemoryReport,
  SearchOutcome,
  StartRequest,
} from './protocol';
import type { StepKind } from '../engine/search/gate';
import { Session } from './session';
import { exploreApi } from './explore-api';
import { picturesApi } from './pictures';
import { summarise } from './summary';

let session: Session | null = null;

function idle(): void {
  if (session) throw new Error('a search is running; cancel it first');
}

const api: EngineApi = {
  ...exploreApi,
  ...picturesApi,
  async init(choice: BackendChoice, dataBase: string, parallel: Parallel = 'rows', kernels: KernelChoice = 'own'): Promise<InitOutcome> {
    try {
      setDataBase(dataBase);
      const report = await chooseBackend(choice, parallel);
      // The kernel choice holds for the backend running now and for any started later (a backend compare).
      const kernelNote = setKernels(kernels);
      if (report.backend === 'wasm' || report.backend === 'webgpu') report.kernels = kernelNote;
      if (report.backend === 'webgpu' && kernels === 'own') {
        // The WGSL programs against tfjs's route on this device before any search (engine/checks/own-kernel-check).
        const check = await startupCheck();
        if (!check.keepOwn) setKernels('tfjs');
        report.kernels = check.keepOwn ? `${kernelNote}; ${check.note}` : check.note;
      }
      // One way of using the cores at a time: row helpers, or XNNPACK threads.
      report.rowThreads = configureRowHelpers(report.backend, parallel === 'rows' ? undefined : 0);
      try {
        await Promise.all([getCifar(), getNb201()]);
      } catch (err) {
        return { ok: false, failure: toFailure(err, 'asset') };
      }
      return { ok: true, report };
    } catch (err) {
      return { ok: false, failure: toFailure(err, 'backend') };
    }
  },

  async start(req: StartRequest, onEvent: (e: SearchEvent) => void): Promise<SearchOutcome> {
    idle();
    const s = new Session(req);
    session = s;
    try {
      const signal = whenDeviceLost();
      const out = await s.run(onEvent, signal);
      if (out.status === 'error' && out.failure.kind !== 'device-lost' && signal) {
        // A failed GPU read (mapAsync) can reject before device.lost resolves: give it a moment.
        const lost = deviceLost() ?? (await Promise.race([signal, new Promise<null>((r) => setTimeout(() => r(null), 2000))]));
        if (lost !== null) {
          return {
            status: 'error',
            failure: {
              kind: 'device-lost',
              message: `the WebGPU device was lost (${lost}); the candidate being measured failed with: ${out.failure.message}`,
            },
          };
        }
      }
      return out;
    } finally {
      session = null;
    }
  },

  pause: () => session?.pause(),
  resume: () => session?.resume(),
  step: (kind: StepKind) => session?.step(kind),
  cancel: () => session?.cancel(),
  setDelay: (ms: number) => session?.setDelay(ms),

  async scoreCell(settings: Settings, seed: number, ops: number[]) {
    idle();
    return scoreCell(await getCifar(), settings, seed, ops);
  },

  async summarise(ops: number[], numClasses: number) {
    return summarise(await getNb201(), ops, numClasses);
  },

  memory(): MemoryReport {
    const m = tf.memory() as tf.MemoryInfo & { numDataBuffers: number };
    return { backend: tf.getBackend(), numTensors: m.numTensors, numBytes: m.numBytes, numDataBuffers: m.numDataBuffers };
  },

  activity,

  async compare(backend: BackendName, space?: SpaceName, kernels?: KernelChoice) {
    idle();
    return compare(backend, space, kernels);
  },

  async fixture(json: unknown, backend: BackendName, kernels: KernelChoice) {
    idle();
    return checkFixtureOn(json, backend, kernels);
  },

  async bench(req: BenchRequest, onProgress?: (message: string) => void) {
    idle();
    // The benchmark cases load only when a benchmark asks for them (a chunk of their own).
    const { bench } = await import('./bench');
    return bench(req, onProgress);
  },

  async loseDevice() {
    return destroyDevice();
  },

  crash(kind: 'crash' | 'oom') {
    setTimeout(() => {
      if (kind === 'oom') throw new RangeError('Array buffer allocation failed (test hook)');
      throw new Error('the worker was crashed on purpose (test hook)');
    });
  },
};

Comlink.expose(api);
