/**
 * The DARTS-space fidelity fixtures of ../shared/fixtures/darts (official
 * TE-NAS values, `space: "darts"`): schemas and checks. κ_N of the supernet
 * and R_N of the thin network with the tolerances of the README; a ranking
 * round over both cells and the edge-group step exactly (candidate lists,
 * pruned sets, masks, kept edges).
 */
import { z } from 'zod';
import type { CifarData } from '../data/cifar';
import { NUM_EDGES, NUM_OPS } from '../model/darts/space';
import { buildGraph } from '../model/network';
import { groupStepFromPairs } from '../search/darts-group';
import { type DartsCandidate, dartsRoundFromPairs } from '../search/darts-round';
import { checkNtk, checkRegions, exactReport, type FixtureReport, stateDictSchema } from './measure-checks';

const bit = z.union([z.literal(0), z.literal(1)]);
const maskSchema = z.array(z.array(bit).length(NUM_OPS)).length(NUM_EDGES);
const pair = z.tuple([z.number(), z.number()]);
const candidate = z.tuple([
  z.union([z.literal(0), z.literal(1)]),
  z
    .number()
    .int()
    .min(0)
    .max(NUM_EDGES - 1),
  z
    .number()
    .int()
    .min(1)
    .max(NUM_OPS - 1),
]);
const cellMasks = { space: z.literal('darts'), mask_normal: maskSchema, mask_reduce: maskSchema };
const measured = { seed: z.number().optional(), num_classes: z.number().int().positive(), weights: stateDictSchema, ...cellMasks };

export const dartsNtkFixtureSchema = z.object({
  kind: z.literal('darts-ntk'),
  ...measured,
  images: z.array(z.number().int().nonnegative()).min(2),
  logits: z.array(z.array(z.number())),
  cond: z.number(),
  eig_min: z.number(),
  eig_max: z.number(),
  trace: z.number(),
  jacobian_cols: z.number().int(),
});

export const dartsRegionsFixtureSchema = z.object({
  kind: z.literal('darts-regions'),
  ...measured,
  patches: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()])).min(1),
  regions: z.number(),
  neurons: z.number().int(),
});

const rounds = {
  ...cellMasks,
  repeat: z.number().int().positive(),
  precision: z.number().int().nonnegative(),
  candidates_order: z.string().optional(),
  candidates: z.array(candidate),
  ntk_pairs: z.array(pair),
  region_pairs: z.array(pair),
  mask_normal_after: maskSchema,
  mask_reduce_after: maskSchema,
};

/** The pairs must cover every listed candidate and repeat. */
function pairsCoverCandidates(
  f: { candidates: unknown[]; repeat: number; ntk_pairs: unknown[]; region_pairs: unknown[] },
  ctx: z.RefinementCtx,
): void {
  const expected = f.candidates.length * f.repeat;
  for (const key of ['ntk_pairs', 'region_pairs'] as const) {
    if (f[key].length !== expected)
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `${key} has ${f[key].length} pairs, expected repeat × candidates = ${f.repeat} × ${f.candidates.length} = ${expected}`,
      });
  }
}

export const dartsRankingFixtureSchema = z
  .object({
    kind: z.literal('darts-ranking'),
    ...rounds,
    prune_number: z.number().int().nonnegative(),
    prune_number_effective: z.number().int().nonnegative(),
    pruned: z.array(candidate),
  })
  .superRefine(pairsCoverCandidates);

export const dartsGroupFixtureSchema = z
  .object({
    kind: z.literal('darts-group'),
    ...rounds,
    edge_groups: z.array(z.tuple([z.number().int().min(0), z.number().int().max(NUM_EDGES)])).min(1),
    num_per_group: z.number().int().positive(),
    kept_edges: z.array(z.array(z.array(z.number().int()))).length(2),
  })
  .superRefine(pairsCoverCandidates);

export type DartsNtkFixture = z.infer<typeof dartsNtkFixtureSchema>;
export type DartsRegionsFixture = z.infer<typeof dartsRegionsFixtureSchema>;
export type DartsRankingFixture = z.infer<typeof dartsRankingFixtureSchema>;
export type DartsGroupFixture = z.infer<typeof dartsGroupFixtureSchema>;
export type DartsFixture = DartsNtkFixture | DartsRegionsFixture | DartsRankingFixture | DartsGroupFixture;

const triples = (cs: readonly DartsCandidate[]) => cs.map((c) => [c.cell, c.edge, c.op]);
const masksOf = (f: { mask_normal: number[][]; mask_reduce: number[][] }) => ({ normal: f.mask_normal, reduce: f.mask_reduce });

export function checkDartsRankingFixture(f: DartsRankingFixture): FixtureReport {
  const r = dartsRoundFromPairs(masksOf(f), f.ntk_pairs, f.region_pairs, f.repeat, f.precision, f.prune_number);
  return exactReport(
    'darts-ranking',
    {
      candidates: f.candidates,
      prune_number_effective: f.prune_number_effective,
      pruned: f.pruned,
      mask_normal_after: f.mask_normal_after,
      mask_reduce_after: f.mask_reduce_after,
    },
    {
      candidates: triples(r.candidates),
      prune_number_effective: r.pruneNumberEffective,
      pruned: triples(r.pruned),
      mask_normal_after: r.after.normal,
      mask_reduce_after: r.after.reduce,
    },
  );
}

export function checkDartsGroupFixture(f: DartsGroupFixture): FixtureReport {
  const r = groupStepFromPairs(masksOf(f), f.ntk_pairs, f.region_pairs, f.repeat, f.precision, f.edge_groups, f.num_per_group);
  return exactReport(
    'darts-group',
    { candidates: f.candidates, mask_normal_after: f.mask_normal_after, mask_reduce_after: f.mask_reduce_after, kept_edges: f.kept_edges },
    { candidates: triples(r.candidates), mask_normal_after: r.after.normal, mask_reduce_after: r.after.reduce, kept_edges: r.kept },
  );
}

export async function checkDartsFixture(
  f: DartsFixture,
  data: CifarData,
  opts: { chunk?: number; backend?: string; batchSize?: number } = {},
): Promise<FixtureReport> {
  switch (f.kind) {
    case 'darts-ntk': {
      const g = buildGraph({
        space: 'darts',
        kind: 'ntk',
        C: 1,
        numClasses: f.num_classes,
        maskNormal: f.mask_normal,
        maskReduce: f.mask_reduce,
        inChannels: 3,
      });
      return checkNtk(f.kind, g, f.weights, f.images, f, data, opts);
    }
    case 'darts-regions': {
      const g = buildGraph({
        space: 'darts',
        kind: 'thin',
        C: 1,
        numClasses: f.num_classes,
        maskNormal: f.mask_normal,
        maskReduce: f.mask_reduce,
        inChannels: 1,
      });
      return checkRegions(f.kind, g, f.weights, f.patches, f, data, opts);
    }
    case 'darts-ranking':
      return checkDartsRankingFixture(f);
    case 'darts-group':
      return checkDartsGroupFixture(f);
  }
}
