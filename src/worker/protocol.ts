/**
 * The typed contract between the page and the engine worker (comlink).
 * Everything here is structured-clone friendly: plain objects, arrays, numbers.
 */
import type { KernelChoice } from '../engine/kernels/own-kernels';
import type { Waiting } from './activity';
import type { BenchCase, BenchMeasurement } from '../engine/checks/bench-cases';
import type { KernelDiff } from '../engine/checks/own-kernel-check';
import type { FixtureReport } from '../engine/checks/fixtures';
import type { SearchEvent } from '../engine/search/events';
import type { StepKind } from '../engine/search/gate';
import type { ScheduledOverride } from '../engine/search/steering';
import type { Nb201Accuracy } from '../engine/data/nb201';
import type { Settings } from '../engine/model/settings';
import type { SpaceName } from '../engine/model/settings-table';
import type { CellScoreReport, ExploreApi } from './explore-protocol';
import type { PicturesApi } from './pictures-protocol';
import type { EngineFailure } from './failure';

export const BACKEND_CHOICES = ['auto', 'webgpu', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];
export type BackendName = Exclude<BackendChoice, 'auto'>;

/** What the browser's WebGPU adapter says about itself. */
export interface AdapterReport {
  /** navigator.gpu exists. */
  webgpu: boolean;
  /** An adapter was returned. */
  found: boolean;
  vendor: string;
  architecture: string;
  description: string;
  /** A software adapter (isFallbackAdapter, or SwiftShader by name). */
  fallback: boolean;
  /** Why there is no adapter, when there is none. */
  problem?: string;
}

/**
 * How WebAssembly uses the cores: `rows` — helper workers, each with its own
 * single-threaded engine, share the rows of every NTK (needs nothing of the
 * page); `threads` — tfjs's threaded-SIMD build in one worker (XNNPACK's
 * thread pool; needs cross-origin isolation). Rows are the default: they
 * parallelise every op, threads only the matrix products and convolutions.
 */
export const PARALLEL_CHOICES = ['rows', 'threads'] as const;
export type Parallel = (typeof PARALLEL_CHOICES)[number];

export interface InitReport {
  backend: BackendName;
  choice: BackendChoice;
  adapter: AdapterReport;
  /** Why this backend was chosen (shown on screen). */
  reason: string;
  /** Threads sharing the rows of every NTK (this worker plus its row helpers; 1 on WebGPU). */
  rowThreads?: number;
  /** On wasm: the XNNPACK threads of this worker's WebAssembly backend (1: single-threaded SIMD build; more: threaded-SIMD, needs cross-origin isolation). */
  wasmThreads?: number;
  /** On wasm and WebGPU: whose kernels run, and when the own ones cannot, why (shown on screen). */
  kernels?: string;
}

export type InitOutcome = { ok: true; report: InitReport } | { ok: false; failure: EngineFailure };

export type SearchOutcome = { status: 'done'; durationMs: number } | { status: 'cancelled' } | { status: 'error'; failure: EngineFailure };

export interface StartRequest {
  settings: Settings;
  seed: number;
  /** Events of an earlier, interrupted run (same seed and settings) to continue from. */
  resume: SearchEvent[];
  /** Start paused (for stepping from the beginning). */
  paused: boolean;
  /** Overrides applied where `resume` ends or at a round's end (the URL's, for a new search); none when absent. */
  overrides?: ScheduledOverride[];
  /** Pause after each candidate event for this long (slow motion). */
  delayMs: number;
}

export interface MemoryReport {
  backend: string;
  numTensors: number;
  numBytes: number;
  numDataBuffers: number;
}

/** The small backend comparison: one NTK at batch 4 and one region count, fixed seed. */
export interface CompareResult {
  backend: string;
  /** The search space whose network was measured. */
  space: SpaceName;
  kappa: number;
  eigMax: number;
  eigMin: number;
  trace: number;
  regions: number;
  neurons: number;
  ms: number;
  /** tf.memory().numTensors before and after (a leak shows as a difference). */
  tensorsBefore: number;
  tensorsAfter: number;
  /** The kernel choice the measurement ran with. */
  kernels: KernelChoice;
  /** The calls the own kernels answered during the measurement (engine/kernels: WebAssembly on wasm, WGSL on WebGPU). */
  ownKernelCalls: number;
  /** The WebGPU programs dispatched during the measurement (tfjs's and the own WGSL ones); null on another backend. */
  programs: number | null;
  /** Each own kernel against tfjs's route on this backend (engine/checks/own-kernel-check); empty where none runs. */
  kernelDiffs: KernelDiff[];
}

/** One dataset's NAS-Bench-201 numbers for a cell. */
export interface DatasetSummary {
  dataset: 'cifar10' | 'cifar100' | 'imagenet16';
  accuracy: Nb201Accuracy;
  /** Rank of the test accuracy among all cells (1 = best). */
  rank: number;
  best: Nb201Accuracy;
  bestArch: string;
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface ResultSummary {
  arch: string;
  ops: number[];
  index: number;
  cells: number;
  datasets: DatasetSummary[];
  /** Which dataset matches the class head. */
  headDataset: DatasetSummary['dataset'];
  /** Test accuracies of every cell on the head's dataset, binned. */
  histogram: HistogramBin[];
}

/** One benchmark measurement to run in the worker (src/worker/bench.ts). */
export interface BenchRequest {
  what: BenchCase;
  /** Validated in the worker (parseSettings). */
  settings: Settings;
  seed: number;
  /** Rows of J per backward pass; undefined = the engine's default. */
  chunk?: number;
}

/** Its result: seconds, backend, what was measured, and the tfjs flags in force. */
export interface BenchReport extends BenchMeasurement {
  flags: Record<string, unknown>;
}

/** A fidelity fixture checked in the worker (worker/fixture.ts): the report, where it ran, and how long it took. */
export interface PageFixtureReport extends FixtureReport {
  backend: BackendName;
  kernels: KernelChoice;
  ms: number;
}

/** The API the worker exposes. */
export interface EngineApi extends ExploreApi, PicturesApi {
  /** Chooses the backend and loads the data from `dataBase` (an absolute URL of public/data). */
  init(choice: BackendChoice, dataBase: string, parallel?: Parallel, kernels?: KernelChoice): Promise<InitOutcome>;
  start(req: StartRequest, onEvent: (e: SearchEvent) => void): Promise<SearchOutcome>;
  pause(): void;
  resume(): void;
  step(kind: StepKind): void;
  cancel(): void;
  setDelay(ms: number): void;
  scoreCell(settings: Settings, seed: number, ops: number[]): Promise<CellScoreReport>;
  summarise(ops: number[], numClasses: number): Promise<ResultSummary>;
  memory(): MemoryReport;
  /** What the worker is waiting on now (search phase, queued turns, row helpers), oldest first: for diagnosing a stall. */
  activity(): Waiting[];
  compare(backend: BackendName, space?: SpaceName, kernels?: KernelChoice): Promise<CompareResult>;
  /** Checks a fidelity fixture (the parsed JSON of a file of ../shared/fixtures) on `backend` with `kernels`. */
  fixture(json: unknown, backend: BackendName, kernels: KernelChoice): Promise<PageFixtureReport>;
  /** Benchmark hook: runs one measurement on the current backend (progress messages during a round or search). */
  bench(req: BenchRequest, onProgress?: (message: string) => void): Promise<BenchReport>;
  /** Test hook: destroys the WebGPU device (as a GPU reset would); false when not on WebGPU. */
  loseDevice(): Promise<boolean>;
  /** Test hook: throws an uncaught error in the worker ('oom': a RangeError like a failed allocation). */
  crash(kind: 'crash' | 'oom'): void;
}
