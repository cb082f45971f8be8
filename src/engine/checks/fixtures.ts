/**
 * The fidelity fixtures of ../shared/fixtures (values of the official PyTorch
 * implementation for pinned weights and inputs): schemas and checks.
 */
import { z } from 'zod';
import type { CifarData } from '../data/cifar';
import { firstIssue } from '../data/zod-message';
import { buildGraph } from '../model/network';
import { validateMask } from '../model/nb201/space';
import { rankFromPairs, rankingFixtureSchema } from '../search/ranking';
import {
  checkDartsFixture,
  type DartsFixture,
  dartsGroupFixtureSchema,
  dartsNtkFixtureSchema,
  dartsRankingFixtureSchema,
  dartsRegionsFixtureSchema,
} from './darts-fixtures';
import { checkNtk, checkRegions, exactReport, type FixtureReport, stateDictSchema } from './measure-checks';

export type { FixtureKind, FixtureReport } from './measure-checks';
export { TOLERANCE } from './measure-checks';

const maskSchema = z.array(z.array(z.union([z.literal(0), z.literal(1)])).length(5)).length(6);

export const ntkFixtureSchema = z.object({
  kind: z.literal('ntk'),
  seed: z.number().optional(),
  num_classes: z.number().int().positive(),
  mask: maskSchema,
  images: z.array(z.number().int().nonnegative()).min(2),
  weights: stateDictSchema,
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
  weights: stateDictSchema,
  regions: z.number(),
  neurons: z.number().int(),
});

export type NtkFixture = z.infer<typeof ntkFixtureSchema>;
export type RegionsFixture = z.infer<typeof regionsFixtureSchema>;

export const fixtureSchema = z.discriminatedUnion('kind', [
  ntkFixtureSchema,
  regionsFixtureSchema,
  rankingFixtureSchema,
  dartsNtkFixtureSchema,
  dartsRegionsFixtureSchema,
  dartsRankingFixtureSchema,
  dartsGroupFixtureSchema,
]);
export type Fixture = z.infer<typeof fixtureSchema>;

/** Parses a fixture, with a message that says what is wrong. */
export function parseFixture(json: unknown): Fixture {
  const r = fixtureSchema.safeParse(json);
  if (!r.success) throw new Error(firstIssue(r.error, 'invalid fixture'));
  return r.data;
}

export function checkNtkFixture(f: NtkFixture, data: CifarData, opts: { chunk?: number; backend?: string } = {}): Promise<FixtureReport> {
  const g = buildGraph({ space: 'nb201', kind: 'ntk', C: 3, numClasses: f.num_classes, mask: validateMask(f.mask), inChannels: 3 });
  return checkNtk('ntk', g, f.weights, f.images, f, data, opts);
}

export function checkRegionsFixture(
  f: RegionsFixture,
  data: CifarData,
  opts: { backend?: string; batchSize?: number } = {},
): Promise<FixtureReport> {
  const g = buildGraph({ space: 'nb201', kind: 'thin', C: 1, numClasses: f.num_classes, mask: validateMask(f.mask), inChannels: 1 });
  return checkRegions('regions', g, f.weights, f.patches, f, data, opts);
}

export function checkRankingFixture(f: z.infer<typeof rankingFixtureSchema>): FixtureReport {
  const { pruned } = rankFromPairs(f.mask, f.ntk_pairs as [number, number][], f.region_pairs as [number, number][], f.repeat, f.precision);
  return exactReport('ranking', { pruned: f.pruned }, { pruned: pruned.map((c) => [c.edge, c.op]) });
}

/** Whether checking the fixture needs the CIFAR-10 images (the ranking kinds are numbers only). */
export function fixtureNeedsImages(f: Fixture): boolean {
  return f.kind !== 'ranking' && f.kind !== 'darts-ranking' && f.kind !== 'darts-group';
}

export async function checkFixture(f: Fixture, data: CifarData, opts: { chunk?: number; backend?: string } = {}): Promise<FixtureReport> {
  if (f.kind === 'ntk') return checkNtkFixture(f, data, opts);
  if (f.kind === 'regions') return checkRegionsFixture(f, data, opts);
  if (f.kind === 'ranking') return checkRankingFixture(f);
  return checkDartsFixture(f as DartsFixture, data, opts);
}
