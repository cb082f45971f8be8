/**
 * The two measurement checks every space's fixtures share: κ_N of a network
 * on pinned weights and images against the official NTK numbers, and R_N of
 * a thin network on pinned crops against the official region count, with the
 * tolerances of ../shared/fixtures/README.md.
 */
import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import type { CifarData } from '../data/cifar';
import type { Patch } from '../measures/inputs';
import { normalizeImages, regionCrops } from '../measures/inputs';
import { measureNtk } from '../measures/kappa';
import { countRegions } from '../measures/regions';
import type { Graph } from '../model/graph';
import { disposeTensors, importStateDict, toTensors } from '../model/weights';

/** Tolerances of ../shared/fixtures/README.md. */
export const TOLERANCE = { logits: 1e-4, cond: 0.01, eig: 1e-3, regions: 0.5, regionsWebgpu: 0.01 } as const;

export type FixtureKind = 'ntk' | 'regions' | 'ranking' | 'darts-ntk' | 'darts-regions' | 'darts-ranking' | 'darts-group';

export interface FixtureReport {
  kind: FixtureKind;
  expected: Record<string, unknown>;
  actual: Record<string, unknown>;
  ok: boolean;
  /** What failed, one line each. */
  failures: string[];
}

/** A PyTorch state dict as the fixtures hold it: name → shape and row-major values. */
export const stateDictSchema = z.record(
  z.string(),
  z.object({ shape: z.array(z.number().int().nonnegative()), values: z.array(z.number()) }),
);
export type StateDict = z.infer<typeof stateDictSchema>;

export interface NtkExpected {
  logits: number[][];
  cond: number;
  eig_max: number;
  trace: number;
  jacobian_cols: number;
}

const rel = (a: number, e: number) => Math.abs(a - e) / Math.abs(e);

/** κ_N of `g` with the state dict's weights on the normalised training images. */
export async function checkNtk(
  kind: FixtureKind,
  g: Graph,
  weights: StateDict,
  images: number[],
  e: NtkExpected,
  data: CifarData,
  opts: { chunk?: number; backend?: string } = {},
): Promise<FixtureReport> {
  const w = toTensors(g, importStateDict(g, weights));
  const input = tf.tensor4d(normalizeImages(data, images), [images.length, 32, 32, 3]);
  try {
    const r = await measureNtk(g, w, input, { chunk: opts.chunk });
    let logitErr = 0;
    const nc = g.spec.numClasses;
    e.logits.forEach((row, i) => {
      row.forEach((v, c) => {
        logitErr = Math.max(logitErr, Math.abs(v - r.logits[i * nc + c]));
      });
    });
    const failures: string[] = [];
    const condTol = opts.backend === 'webgpu' ? 0.05 : TOLERANCE.cond;
    if (!(logitErr <= TOLERANCE.logits)) failures.push(`logits: max error ${logitErr} > ${TOLERANCE.logits}`);
    if (!(rel(r.kappa, e.cond) <= condTol)) failures.push(`cond: ${r.kappa} vs ${e.cond} (${(rel(r.kappa, e.cond) * 100).toFixed(3)} %)`);
    if (!(rel(r.eigMax, e.eig_max) <= TOLERANCE.eig)) failures.push(`eig_max: ${r.eigMax} vs ${e.eig_max}`);
    if (!(rel(r.trace, e.trace) <= TOLERANCE.eig)) failures.push(`trace: ${r.trace} vs ${e.trace}`);
    if (r.cols !== e.jacobian_cols) failures.push(`jacobian_cols: ${r.cols} vs ${e.jacobian_cols}`);
    return {
      kind,
      expected: { cond: e.cond, eig_max: e.eig_max, trace: e.trace, jacobian_cols: e.jacobian_cols, logit_error: 0 },
      actual: { cond: r.kappa, eig_max: r.eigMax, trace: r.trace, jacobian_cols: r.cols, logit_error: logitErr, eig_min: r.eigMin },
      ok: failures.length === 0,
      failures,
    };
  } finally {
    input.dispose();
    disposeTensors(w);
  }
}

/** R_N of the thin network `g` with the state dict's weights on the crops, in forward batches of `batchSize` (1000). */
export async function checkRegions(
  kind: FixtureKind,
  g: Graph,
  weights: StateDict,
  patches: readonly Patch[],
  e: { regions: number; neurons: number },
  data: CifarData,
  opts: { backend?: string; batchSize?: number } = {},
): Promise<FixtureReport> {
  const w = toTensors(g, importStateDict(g, weights));
  const bs = opts.batchSize ?? 1000;
  const batches: tf.Tensor4D[] = [];
  for (let i = 0; i < patches.length; i += bs) {
    const p = patches.slice(i, i + bs);
    batches.push(tf.tensor4d(regionCrops(data, p), [p.length, 3, 3, 1]));
  }
  try {
    const r = await countRegions(g, w, batches);
    const failures: string[] = [];
    const tol = opts.backend === 'webgpu' ? Math.max(TOLERANCE.regions, TOLERANCE.regionsWebgpu * e.regions) : TOLERANCE.regions;
    if (!(Math.abs(r.regions - e.regions) <= tol)) failures.push(`regions: ${r.regions} vs ${e.regions}`);
    if (r.neurons !== e.neurons) failures.push(`neurons: ${r.neurons} vs ${e.neurons}`);
    return {
      kind,
      expected: { regions: e.regions, neurons: e.neurons },
      actual: { regions: r.regions, neurons: r.neurons },
      ok: failures.length === 0,
      failures,
    };
  } finally {
    for (const b of batches) b.dispose();
    disposeTensors(w);
  }
}

/** Long lists are reported by their length (the failure line says where they differ). */
function summary(v: unknown): unknown {
  return Array.isArray(v) && v.length > 16 ? `${v.length} entries` : v;
}

/** Where two JSON-comparable values first differ, for a failure line. */
function firstDifference(a: unknown, e: unknown): string {
  if (Array.isArray(a) && Array.isArray(e)) {
    const i = a.findIndex((x, k) => JSON.stringify(x) !== JSON.stringify(e[k]));
    if (i >= 0) return `entry ${i}: ${JSON.stringify(a[i])} vs ${JSON.stringify(e[i])}`;
    return `${a.length} entries vs ${e.length}`;
  }
  return `${JSON.stringify(a)} vs ${JSON.stringify(e)}`;
}

/** A report comparing exact values (JSON-equal), one failure line per differing field. */
export function exactReport(kind: FixtureKind, expected: Record<string, unknown>, actual: Record<string, unknown>): FixtureReport {
  const failures = Object.keys(expected)
    .filter((k) => JSON.stringify(actual[k]) !== JSON.stringify(expected[k]))
    .map((k) => `${k}: ${firstDifference(actual[k], expected[k])}`);
  const brief = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, summary(v)]));
  return { kind, expected: brief(expected), actual: brief(actual), ok: failures.length === 0, failures };
}
