/**
 * The typed events of a search, as the engine yields them and as a run file
 * stores them (validated with zod when read back).
 */
import { z } from 'zod';

/**
 * The shapes of a space's events: NAS-Bench-201 (6 edges × 5 ops, ops 1..4
 * measured, 6 result ops) or DARTS (14 edges × 8 ops per cell, ops 1..7, the
 * reduction cell's mask beside the normal one, candidates naming their cell).
 * Both spaces' events have one TypeScript type (DARTS fields optional); a run
 * file is validated with its space's schema (run-file.ts).
 */
interface Dims {
  edges: number;
  ops: number;
  /** Lengths up to `edges` and `ops` (the run file's first pass, before its space's exact schema). */
  loose?: true;
}
const NB201: Dims = { edges: 6, ops: 5 };
const DARTS: Dims = { edges: 14, ops: 8 };
const EITHER: Dims = { edges: 14, ops: 8, loose: true };

const sized = <T extends z.ZodType>(a: z.ZodArray<T>, n: number, loose?: true) => (loose ? a.min(1).max(n) : a.length(n));
/** An index below n. */
const below = (n: number, min = 0) =>
  z
    .number()
    .int()
    .min(min)
    .max(n - 1);
const maskOf = (d: Dims) => sized(z.array(sized(z.array(z.number().int().min(0).max(1)), d.ops, d.loose)), d.edges, d.loose);
/** The cell of a DARTS candidate: 0 = normal, 1 = reduction; absent in NAS-Bench-201. */
const cell = z.number().int().min(0).max(1).optional();
const refOf = (d: Dims) =>
  z.object({
    edge: below(d.edges),
    op: below(d.ops),
    cell,
  });
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

const roundStartOf = (d: Dims) =>
  z.object({
    type: z.literal('round-start'),
    round: z.number().int().min(0),
    /** NAS-Bench-201: the cell's mask; DARTS: the normal cell's. */
    mask: maskOf(d),
    /** DARTS: the reduction cell's mask. */
    maskReduce: maskOf(d).optional(),
    /** DARTS: 'group' for the edge-group step (search/darts-group.ts), the last "round". */
    phase: z.enum(['prune', 'group']).optional(),
    candidates: z.array(refOf(d)),
  });

const candidateOf = (d: Dims) =>
  z.object({
    type: z.literal('candidate'),
    round: z.number().int().min(0),
    /** Position of the candidate in the round's listing order. */
    index: z.number().int().min(0),
    edge: below(d.edges),
    op: below(d.ops, 1),
    cell,
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
  cell,
  /** DARTS edge-group step: the group (0..3, the incoming edges of state group + 2) this candidate was ranked in. */
  group: z.number().int().min(0).max(3).optional(),
});

const roundEndOf = (d: Dims) =>
  z.object({
    type: z.literal('round-end'),
    round: z.number().int().min(0),
    ranked: z.array(rankedSchema),
    /** Every op that left the mask at this round's end: the walk's choices and the ops pruned by hand during the round. */
    pruned: z.array(refOf(d)),
    /** The mask after pruning (DARTS: the normal cell's). */
    mask: maskOf(d),
    /** DARTS: the reduction cell's mask after pruning. */
    maskReduce: maskOf(d).optional(),
  });

const resultOf = (d: Dims) =>
  z.object({
    type: z.literal('result'),
    /** The op left on each edge (0: none; DARTS: the normal cell's, 0 on an edge the group step removed). */
    ops: sized(z.array(below(d.ops)), d.edges, d.loose),
    /** DARTS: the reduction cell's ops. */
    opsReduce: z.array(below(d.ops)).length(d.edges).optional(),
    /** NAS-Bench-201: the arch string; DARTS: the genotype string (model/darts/genotype.ts). */
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

const eventsOf = (d: Dims) =>
  z.discriminatedUnion('type', [roundStartOf(d), candidateOf(d), roundEndOf(d), resultOf(d), overrideEventSchema]);

export const roundStartSchema = roundStartOf(NB201);
export const candidateSchema = candidateOf(NB201);
export const roundEndSchema = roundEndOf(NB201);
export const resultSchema = resultOf(NB201);
/** A NAS-Bench-201 event. */
export const searchEventSchema = eventsOf(NB201);
/** A DARTS-space event (search/darts-search.ts). */
export const dartsEventSchema = eventsOf(DARTS);
/** An event of either space, lengths unchecked: a run file's first pass (run-file.ts then applies its space's schema). */
export const anyEventSchema = eventsOf(EITHER);

export type RoundStartEvent = z.infer<typeof roundStartSchema>;
export type CandidateEvent = z.infer<typeof candidateSchema>;
export type RoundEndEvent = z.infer<typeof roundEndSchema>;
export type Override = z.infer<typeof overrideSchema>;
export type OverrideEvent = z.infer<typeof overrideEventSchema>;
export type SearchEvent = z.infer<typeof searchEventSchema>;
