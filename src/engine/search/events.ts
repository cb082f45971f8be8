/**
 * The typed events of a search, as the engine yields them and as a run file
 * stores them (validated with zod when read back).
 */
import { z } from 'zod';

const mask = z.array(z.array(z.number().int().min(0).max(1)).length(5)).length(6);
const ref = z.object({ edge: z.number().int().min(0).max(5), op: z.number().int().min(0).max(4) });
/** κ can be ±Number.MAX_VALUE or 100000 (NaN) after the official mapping; JSON keeps finite numbers only. */
const num = z.number();
const pairs = z.object({ original: z.array(num), pruned: z.array(num) });
const delta = z.object({ perRepeat: z.array(num), mean: num });

/**
 * A hand-made decision (search/overrides.ts): `pin` keeps an op (the pruning
 * walk passes over it), `prune` removes it. Edge and op are indices of the
 * search space; their range is checked against the mask, not here, so that
 * another space (whose edge names its cell, `cell`) can use the same event.
 */
export const overrideSchema = z.object({
  kind: z.enum(['pin', 'prune']),
  edge: z.number().int().min(0),
  op: z.number().int().min(0),
  /** The cell the edge belongs to, in a space with more than one (DARTS: 'normal' | 'reduce'); absent in NAS-Bench-201. */
  cell: z.string().max(40).optional(),
});

export const roundStartSchema = z.object({
  type: z.literal('round-start'),
  round: z.number().int().min(0),
  mask,
  candidates: z.array(ref),
});

export const candidateSchema = z.object({
  type: z.literal('candidate'),
  round: z.number().int().min(0),
  /** Position of the candidate in the round's listing order. */
  index: z.number().int().min(0),
  edge: z.number().int().min(0).max(5),
  op: z.number().int().min(1).max(4),
  kappa: pairs,
  regions: pairs,
  deltaKappa: delta,
  deltaRegions: delta,
  /**
   * The NTK eigenvalues of the last repeat, ascending, float32-rounded (measures/spectra.ts), of the supernet and of
   * the supernet without the candidate: the trainability picture. Absent in version-1 run files and when one is not finite.
   */
  spectra: pairs.optional(),
  /** Wall time of this candidate's measurements. */
  ms: z.number().min(0),
});

export const rankedSchema = z.object({
  edge: z.number().int(),
  op: z.number().int(),
  deltaKappa: num,
  deltaRegions: num,
  kappaRank: z.number().int(),
  regionsRank: z.number().int(),
  rankSum: z.number().int(),
  order: z.number().int(),
  pruned: z.boolean(),
  /** Set when an override decided this candidate's fate: 'pin' kept it, 'prune' removed it by hand. */
  override: z.enum(['pin', 'prune']).optional(),
});

export const roundEndSchema = z.object({
  type: z.literal('round-end'),
  round: z.number().int().min(0),
  ranked: z.array(rankedSchema),
  /** Every op that left the mask at this round's end: the walk's choices and the ops pruned by hand during the round. */
  pruned: z.array(ref),
  /** The mask after pruning. */
  mask,
});

export const resultSchema = z.object({
  type: z.literal('result'),
  ops: z.array(z.number().int().min(0).max(4)).length(6),
  arch: z.string(),
  rounds: z.number().int().min(0),
});

/**
 * An override, where it happened: before `round` starts (the mask changes at
 * once) or while it is open (a prune then takes effect at its end, as that
 * edge's prune of the round; a pin at once, for this round's walk and later).
 */
export const overrideEventSchema = z.object({
  type: z.literal('override'),
  round: z.number().int().min(0),
  override: overrideSchema,
});

export const searchEventSchema = z.discriminatedUnion('type', [
  roundStartSchema,
  candidateSchema,
  roundEndSchema,
  resultSchema,
  overrideEventSchema,
]);

export type RoundStartEvent = z.infer<typeof roundStartSchema>;
export type CandidateEvent = z.infer<typeof candidateSchema>;
export type RoundEndEvent = z.infer<typeof roundEndSchema>;
export type Override = z.infer<typeof overrideSchema>;
export type OverrideEvent = z.infer<typeof overrideEventSchema>;
export type SearchEvent = z.infer<typeof searchEventSchema>;
