/**
 * The fidelity fixtures of ../shared/fixtures (values of the official PyTorch
 * implementation for pinned weights and inputs): schemas and checks.
 */
import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import type { CifarData } from '../data/cifar';
import { firstIssue } from '../data/zod-message';
import { normalizeImages, regionCrops } from '../measures/inputs';
import { measureNtk } from '../measures/kappa';
import { buildGraph } from '../model/network';
import { rankFromPairs, rankingFixtureSchema } from '../search/ranking';
import { countRegions } from '../measures/regions';
import { validateMask } from '../model/nb201/space';
import { disposeTensors, importStateDict, toTensors } from '../model/weights';

const tensorSchema = z.object({ shape: z.array(z.number().int().nonnegative()), values: z.array(z.number()) });
const maskSchema = z.array(z.array(z.union([z.literal(0), z.literal(1)])).length(5)).length(6);

export const ntkFixtureSchema = z.object({
  kind: z.literal('ntk'),
  seed: z.number().optional(),
  num_classes: z.number().int().positive(),
  mask: maskSchema,
  images: z.array(z.number().int().nonnegative()).min(2),
  weights: z.record(z.string(), tensorSchema),
  logits: z.array(z.array(z.number())),
  cond: z.number(),
  eig_min: z.number(),
  eig_max: z.number(),
  trace: z.number(),
  jacobian_cols: z.number().int(),
});

export const regionsFixtureSchema = z.object({
  kind: z.literal('regions'),
  seed: z.number().optional(),
  num_classes: z.number().int().positive(),
  mask: maskSchema,
  patches: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()])).min(1),
  weights: z.record(z.string(), tensorSchema),
  regions: z.number(),
  neurons: z.number().int(),
});

export type NtkFixture = z.infer<typeof ntkFixtureSchema>;
export type RegionsFixture = z.infer<typeof regionsFixtureSchema>;

export const fixtureSchema = z.discriminatedUnion('kind', [ntkFixtureSchema, regionsFixtureSchema, rankingFixtureSchema]);
export type Fixture = z.infer<typeof fixtureSchema>;

/** Tolerances of ../shared/fixtures/README.md. */
export const TOLERANCE = { logits: 1e-4, cond: 0.01, eig: 1e-3, regions: 0.5, regionsWebgpu: 0.01 } as const;

export interface FixtureReport {
  kind: Fixture['kind'];
  expected: Record<string, unknown>;
  actual: Record<string, unknown>;
  ok: boolean;
  /** What failed, one line each. */
  failures: string[];
}

/** Parses a fixture, with a message that says what is wrong. */
export function parseFixture(json: unknown): Fixture {
  const r = fixtureSchema.safeParse(json);
  if (!r.success) throw new Error(firstIssue(r.error, 'invalid fixture'));
  return r.data;
}

const rel = (a: number, e: number) => Math.abs(a - e) / Math.abs(e);

export async function checkNtkFixture(
  f: NtkFixture,
  data: CifarData,
  opts: { chunk?: number; backend?: string } = {},
): Promise<FixtureReport> {
  const mask = validateMask(f.mask);
  const g = buildGraph({ space: 'nb201', kind: 'ntk', C: 3, numClasses: f.num_classes, mask, inChannels: 3 });
  const w = toTensors(g, importStateDict(g, f.weights));
  const input = tf.tensor4d(normalizeImages(data, f.images), [f.images.length, 32, 32, 3]);
  try {
    const r = await measureNtk(g, w, input, { chunk: opts.chunk });
    let logitErr = 0;
    const nc = f.num_classes;
    f.logits.forEach((row, i) => row.forEach((v, c) => (logitErr = Math.max(logitErr, Math.abs(v - r.logits[i * nc + c])))));
    const failures: string[] = [];
    const condTol = opts.backend === 'webgpu' ? 0.05 : TOLERANCE.cond;
    if (!(logitErr <= TOLERANCE.logits)) failures.push(`logits: max error ${logitErr} > ${TOLERANCE.logits}`);
    if (!(rel(r.kappa, f.cond) <= condTol)) failures.push(`cond: ${r.kappa} vs ${f.cond} (${(rel(r.kappa, f.cond) * 100).toFixed(3)} %)`);
    if (!(rel(r.eigMax, f.eig_max) <= TOLERANCE.eig)) failures.push(`eig_max: ${r.eigMax} vs ${f.eig_max}`);
    if (!(rel(r.trace, f.trace) <= TOLERANCE.eig)) failures.push(`trace: ${r.trace} vs ${f.trace}`);
    if (r.cols !== f.jacobian_cols) failures.push(`jacobian_cols: ${r.cols} vs ${f.jacobian_cols}`);
    return {
      kind: 'ntk',
      expected: { cond: f.cond, eig_max: f.eig_max, trace: f.trace, jacobian_cols: f.jacobian_cols, logit_error: 0 },
      actual: { cond: r.kappa, eig_max: r.eigMax, trace: r.trace, jacobian_cols: r.cols, logit_error: logitErr, eig_min: r.eigMin },
      ok: failures.length === 0,
      failures,
    };
  } finally {
    input.dispose();
    disposeTensors(w);
  }
}

export async function checkRegionsFixture(
  f: RegionsFixture,
  data: CifarData,
  opts: { backend?: string; batchSize?: number } = {},
): Promise<FixtureReport> {
  const mask = validateMask(f.mask);
  const g = buildGraph({ space: 'nb201', kind: 'thin', C: 1, numClasses: f.num_classes, mask, inChannels: 1 });
  const w = toTensors(g, importStateDict(g, f.weights));
  const bs = opts.batchSize ?? 1000;
  const batches: tf.Tensor4D[] = [];
  for (let i = 0; i < f.patches.length; i += bs) {
    const p = f.patches.slice(i, i + bs);
    batches.push(tf.tensor4d(regionCrops(data, p), [p.length, 3, 3, 1]));
  }
  try {
    const r = await countRegions(g, w, batches);
    const failures: string[] = [];
    const tol = opts.backend === 'webgpu' ? Math.max(TOLERANCE.regions, TOLERANCE.regionsWebgpu * f.regions) : TOLERANCE.regions;
    if (!(Math.abs(r.regions - f.regions) <= tol)) failures.push(`regions: ${r.regions} vs ${f.regions}`);
    if (r.neurons !== f.neurons) failures.push(`neurons: ${r.neurons} vs ${f.neurons}`);
    return {
      kind: 'regions',
      expected: { regions: f.regions, neurons: f.neurons },
      actual: { regions: r.regions, neurons: r.neurons },
      ok: failures.length === 0,
      failures,
    };
  } finally {
    batches.forEach((b) => b.dispose());
    disposeTensors(w);
  }
}

export function checkRankingFixture(f: z.infer<typeof rankingFixtureSchema>): FixtureReport {
  const { pruned } = rankFromPairs(f.mask, f.ntk_pairs as [number, number][], f.region_pairs as [number, number][], f.repeat, f.precision);
  const actual = pruned.map((c) => [c.edge, c.op]);
  const ok = JSON.stringify(actual) === JSON.stringify(f.pruned);
  return {
    kind: 'ranking',
    expected: { pruned: f.pruned },
    actual: { pruned: actual },
    ok,
    failures: ok ? [] : [`pruned: ${JSON.stringify(actual)} vs ${JSON.stringify(f.pruned)}`],
  };
}

export async function checkFixture(f: Fixture, data: CifarData, opts: { chunk?: number; backend?: string } = {}): Promise<FixtureReport> {
  if (f.kind === 'ntk') return checkNtkFixture(f, data, opts);
  if (f.kind === 'regions') return checkRegionsFixture(f, data, opts);
  return checkRankingFixture(f);
}
