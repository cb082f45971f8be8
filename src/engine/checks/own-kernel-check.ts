/**
 * Each own kernel the backward pass asks for directly (BatchNorm's backward,
 * the 2× spreads, the depthwise and (WebGPU only) dense weight gradients) against tfjs's route on the
 * current backend, on fixed random cases small enough for a software GPU:
 * WebAssembly on wasm, WGSL on WebGPU. Run by the page's backend compare (and
 * so the WebGPU e2e case on SwiftShader) and by the Node tests on wasm.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ownBnBackward } from '../kernels/bn-backward';
import { ownConvWeightGrad } from '../kernels/conv-weight-grad';
import { ownDepthwiseWeightGrad } from '../kernels/depthwise-grad';
import type { DepthwiseLayer, SpreadMode } from '../kernels/layer-shapes';
import { ownKernelBackend } from '../kernels/own-kernels';
import { ownSpread2 } from '../kernels/spread';
import { bnBackward, bnExpandOperand } from '../measures/backward/bn';
import { im2col, weightGrad } from '../measures/backward/conv';
import { depthwisePatches, depthwiseWeightGrad } from '../measures/backward/depthwise';
import { fromChannelMajor, spread2Tfjs, toChannelMajor } from '../measures/backward/layout';

/** One case: the largest difference relative to the largest value of tfjs's route. */
export interface KernelDiff {
  name: string;
  diff: number;
}

type Pair = [name: string, ref: tf.Tensor, mine: tf.Tensor];

const normal = (shape: number[], seed: number): tf.Tensor => tf.randomNormal(shape, 0.2, 1, 'float32', seed);

function bnCases(): Pair[] {
  return [
    [2, 4, 4, 3],
    [2, 4, 4, 16],
  ].flatMap((shape, i) => {
    const kc = 3;
    const x = normal(shape, 10 + i);
    const { mean, variance } = tf.moments(x, [0, 1, 2]);
    const xhat = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))) as tf.Tensor4D;
    const g = normal([kc * shape[0], shape[1], shape[2], shape[3]], 20 + i);
    const own = ownBnBackward(g, xhat, kc);
    if (!own) return [];
    const expand = bnExpandOperand(xhat);
    const [uT, sumGx] = bnBackward(toChannelMajor(g, kc, shape[3]), tf.transpose(expand) as tf.Tensor2D, expand, kc, shape[3]);
    const name = `BatchNorm backward ${shape.join('×')}`;
    return [[`${name}: u`, fromChannelMajor(uT, kc, shape), own[0]] as Pair, [`${name}: Σ g·x̂`, sumGx, own[1]] as Pair];
  });
}

function spreadCases(): Pair[] {
  const g = normal([2, 3, 3, 5], 30) as tf.Tensor4D;
  const cases: [SpreadMode, number][] = [
    ['nearest', 6],
    ['even', 6],
    ['even', 5],
    ['odd', 6],
  ];
  return cases.flatMap(([mode, size]) => {
    const own = ownSpread2(g, mode, size, size);
    if (!own) return [];
    const ref = mode === 'nearest' ? tf.image.resizeNearestNeighbor(g, [size, size]) : spread2Tfjs(g, size, size, mode === 'odd');
    return [[`spread ${mode} 3→${size}`, ref, own] as Pair];
  });
}

function depthwiseCases(): Pair[] {
  const kc = 3;
  const x = normal([2, 8, 8, 4], 40) as tf.Tensor4D;
  const layers: DepthwiseLayer[] = [
    { k: 3, dilation: 1, stride: 1 },
    { k: 5, dilation: 1, stride: 2 },
    { k: 3, dilation: 2, stride: 1 },
    { k: 5, dilation: 2, stride: 2 },
  ];
  return layers.flatMap((l, i) => {
    const patches = depthwisePatches(x, l.k, l.dilation, l.stride);
    const m = patches.shape[0] / 2;
    const side = Math.round(Math.sqrt(m));
    const g = normal([kc * 2, side, side, 4], 50 + i) as tf.Tensor4D;
    const own = ownDepthwiseWeightGrad(g, x, kc, l, 0.5);
    if (!own) return [];
    const ref = depthwiseWeightGrad(toChannelMajor(g, kc, 4), patches, kc, 4, 0.5);
    return [[`depthwise weight gradient ${l.k}×${l.k} d${l.dilation} s${l.stride}`, ref, own] as Pair];
  });
}

function convCases(): Pair[] {
  const kc = 2;
  // Channel counts below, at and above the program's blocks of 8; 3 × 3 and 1 × 1, both strides.
  const layers: [cin: number, cout: number, k: number, stride: number][] = [
    [3, 5, 3, 1],
    [12, 12, 3, 2],
    [6, 9, 1, 1],
    [9, 6, 1, 2],
  ];
  return layers.flatMap(([cin, cout, k, stride], i) => {
    const x = normal([2, 6, 6, cin], 60 + i) as tf.Tensor4D;
    const cols = im2col(x, k, stride);
    const side = Math.round(Math.sqrt(cols.shape[0] / 2));
    const g = normal([kc * 2, side, side, cout], 70 + i) as tf.Tensor4D;
    const scale = normal([cout], 80 + i);
    const own = ownConvWeightGrad(g, x, kc, k, stride, scale);
    if (!own) return [];
    const ref = weightGrad(toChannelMajor(g, kc, cout), cols, kc, cout, scale);
    return [[`conv weight gradient ${k}×${k} s${stride} ${cin}→${cout}`, ref, own] as Pair];
  });
}

function relDiff(ref: Float32Array, mine: Float32Array): number {
  if (ref.length !== mine.length) return Number.POSITIVE_INFINITY;
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    scale = Math.max(scale, Math.abs(ref[i]));
    worst = Math.max(worst, Math.abs(ref[i] - mine[i]));
  }
  return worst / scale;
}

/** Every own kernel's case on the current backend; empty where no own kernel runs (kernels=tfjs, the cpu backend). */
export async function checkOwnKernels(): Promise<KernelDiff[]> {
  if (ownKernelBackend() === null) return [];
  let names: string[] = [];
  const tensors = tf.tidy(() => {
    const cases = [...bnCases(), ...spreadCases(), ...depthwiseCases(), ...convCases()];
    names = cases.map(([name]) => name);
    return cases.flatMap(([, ref, mine]) => [ref, mine]);
  });
  try {
    const values = (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
    return names.map((name, i) => ({ name, diff: relDiff(values[2 * i], values[2 * i + 1]) }));
  } finally {
    tf.dispose(tensors);
  }
}

/** The bound of the start-up check (the cases agree within 4e-7 on SwiftShader and on wasm). */
export const STARTUP_CHECK_TOLERANCE = 1e-4;

/** What the start-up check decided: keep the own kernels or fall back to tfjs's, and the line to show. */
export interface StartupCheck {
  keepOwn: boolean;
  note: string;
}

/**
 * The own kernels' start-up check on a new WebGPU device: a WGSL program a
 * driver compiles wrongly or rejects would give silently wrong gradients (a
 * program that fails validation does not run, and its output keeps old
 * memory), so every case runs once against tfjs's route before a search, and
 * one off by more than {@link STARTUP_CHECK_TOLERANCE} (or an error) means
 * tfjs's programs for this device. `run` is the check (injectable for tests).
 */
export async function startupCheck(run: () => Promise<KernelDiff[]> = checkOwnKernels): Promise<StartupCheck> {
  let diffs: KernelDiff[];
  try {
    diffs = await run();
  } catch (err) {
    return { keepOwn: false, note: `tfjs's programs: the own WGSL programs failed their start-up check here (${(err as Error).message})` };
  }
  const bad = diffs.filter((d) => !(d.diff <= STARTUP_CHECK_TOLERANCE));
  if (bad.length > 0) {
    const worst = bad.map((d) => `${d.name}: ${Number.isFinite(d.diff) ? d.diff.toExponential(1) : String(d.diff)}`).join('; ');
    return {
      keepOwn: false,
      note: `tfjs's programs: ${bad.length} of ${diffs.length} own WGSL cases failed their start-up check here (${worst})`,
    };
  }
  const worst = Math.max(0, ...diffs.map((d) => d.diff));
  return { keepOwn: true, note: `start-up check: ${diffs.length} cases equal tfjs's route within ${worst.toExponential(1)}` };
}
