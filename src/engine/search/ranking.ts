/**
 * The pruning decision of one TE-NAS round: the official `prune_func_rank`
 * (VITA-Group/TENAS, prune_tenas.py) with the measurements given as numbers.
 *
 * The rule, step by step (see also shared/fixtures/README.md, "ranking-*.json"):
 *
 * 1. Candidates (`listCandidates`): for each edge in order, for each active op except
 *    'none' in op order, "remove that op". Edges with a single active op are skipped.
 * 2. Per candidate and repeat r: d_r = round((κ_orig − κ_pruned) / κ_orig, precision) with
 *    CPython's round (`pyround`); Δκ = np.mean(d) (`numpyMean`: ((d1 + d2) + d3) / 3 for three
 *    repeats). ΔR likewise from the region counts (`deltaFromPairs`).
 * 3. Δκ list: candidates in listing order, stably sorted by `roundTo(Δκ, precision)`
 *    descending (Python's sorted(reverse=True) keeps equal keys in their order). Ranks walk
 *    that list: the first gets 0, each next one the previous one's rank if its UNROUNDED Δκ
 *    equals the previous one's exactly, else the previous rank + 1.
 * 4. ΔR list: the same with the key ascending, ranked the same way on unrounded ΔR.
 * 5. Rank sum = Δκ rank + ΔR rank. The candidates, taken in the Δκ-sorted order (the
 *    insertion order of the official `rankings` dict), are stably sorted by rank sum
 *    ascending. Walking that order, the first candidate met on each edge is pruned
 *    (prune_number is 1: `min(1, active ops on edge 0 − 1)` can only lower it to 0, and the
 *    first candidate of an edge is taken regardless).
 */
import { z } from 'zod';
import { fullMask, withoutOp } from '../model/nb201/space';
import { numpyMean, pyround, roundTo } from './pyround';

/** One candidate: removing op `op` (1..4) from edge `edge` (0..5). */
export interface CandidateRef {
  edge: number;
  op: number;
}

/** A candidate with its mean relative changes Δκ and ΔR (unrounded means of rounded ratios). */
export interface CandidateScore {
  edge: number;
  op: number;
  deltaKappa: number;
  deltaRegions: number;
}

export interface RankedCandidate extends CandidateScore {
  /** Rank in the Δκ list (descending key; equal unrounded Δκ with the previous share its rank). */
  kappaRank: number;
  /** Rank in the ΔR list (ascending key; equal unrounded ΔR with the previous share its rank). */
  regionsRank: number;
  rankSum: number;
  /** Position in the final rank-sum order (0 = first). */
  order: number;
  /** Whether this candidate is pruned this round (first met on its edge). */
  pruned: boolean;
}

export interface RankingResult {
  /** All candidates in the final rank-sum order. */
  ranked: RankedCandidate[];
  /** The pruned candidates, one per edge that had candidates, in the order met. */
  pruned: CandidateRef[];
}

/**
 * Candidates of a round, in the official order: edges 0.. in order; on each edge with more
 * than one active op, each active op 1.. in order. Column 0 ('none') is always treated as
 * masked (the official code sets its logit to -INF before anything else). An entry counts
 * as active when it is > 0.
 */
export function listCandidates(mask: number[][]): CandidateRef[] {
  const out: CandidateRef[] = [];
  for (let edge = 0; edge < mask.length; edge++) {
    const row = mask[edge];
    const active: number[] = [];
    for (let op = 1; op < row.length; op++) if (row[op] > 0) active.push(op);
    if (active.length <= 1) continue; // only one op remaining (or none): nothing to prune
    for (const op of active) out.push({ edge, op });
  }
  return out;
}

/**
 * Δ of one candidate from its per-repeat [original, pruned] measurements:
 * d_r = pyround((orig − pruned) / orig, precision), mean = np.mean(d) (left to right below
 * 8 repeats). Used for both κ (ntk) and R (regions); for regions pass the exact counts.
 */
export function deltaFromPairs(pairs: readonly (readonly [number, number])[], precision = 3): { perRepeat: number[]; mean: number } {
  if (pairs.length === 0) throw new RangeError('deltaFromPairs needs at least one repeat');
  const perRepeat = pairs.map(([orig, pruned]) => pyround((orig - pruned) / orig, precision));
  return { perRepeat, mean: numpyMean(perRepeat) };
}

/** Python's `==` on floats (NaN equals nothing; 0 equals -0). */
function sameValue(a: number, b: number): boolean {
  return a === b;
}

/** Descending (desc = true) or ascending comparator on precomputed keys; ties → 0 (stable). */
function keyCompare(desc: boolean) {
  return (a: { key: number }, b: { key: number }): number => {
    if (a.key < b.key) return desc ? 1 : -1;
    if (a.key > b.key) return desc ? -1 : 1;
    return 0;
  };
}

/**
 * The official ranking and pruning decision for one round (see the module comment).
 * `scores` must be in candidate listing order (`listCandidates`), since ties keep that order.
 * Throws if a candidate (edge, op) appears twice.
 */
export function rankCandidates(scores: readonly CandidateScore[], precision = 3): RankingResult {
  const seen = new Set<string>();
  for (const s of scores) {
    const id = `${s.edge},${s.op}`;
    if (seen.has(id)) throw new Error(`rankCandidates: candidate edge ${s.edge} op ${s.op} appears twice`);
    seen.add(id);
  }
  const n = scores.length;
  const kappaRank = new Array<number>(n);
  const regionsRank = new Array<number>(n);

  // Δκ list: stable sort by round_to key, descending.
  const kappaList = scores.map((s, idx) => ({ idx, value: s.deltaKappa, key: roundTo(s.deltaKappa, precision) })).sort(keyCompare(true));
  kappaList.forEach((d, i) => {
    kappaRank[d.idx] =
      i === 0 ? 0 : sameValue(d.value, kappaList[i - 1].value) ? kappaRank[kappaList[i - 1].idx] : kappaRank[kappaList[i - 1].idx] + 1;
  });

  // ΔR list: stable sort by round_to key, ascending.
  const regionsList = scores
    .map((s, idx) => ({ idx, value: s.deltaRegions, key: roundTo(s.deltaRegions, precision) }))
    .sort(keyCompare(false));
  regionsList.forEach((d, i) => {
    regionsRank[d.idx] =
      i === 0
        ? 0
        : sameValue(d.value, regionsList[i - 1].value)
          ? regionsRank[regionsList[i - 1].idx]
          : regionsRank[regionsList[i - 1].idx] + 1;
  });

  // Candidates in Δκ-sorted order (the `rankings` dict's insertion order), stably sorted by
  // rank sum ascending.
  const bySum = kappaList.map((d) => ({ idx: d.idx, sum: kappaRank[d.idx] + regionsRank[d.idx] })).sort((a, b) => a.sum - b.sum);

  const edgesDone = new Set<number>();
  const pruned: CandidateRef[] = [];
  const ranked: RankedCandidate[] = bySum.map((d, order) => {
    const s = scores[d.idx];
    const isPruned = !edgesDone.has(s.edge);
    if (isPruned) {
      edgesDone.add(s.edge);
      pruned.push({ edge: s.edge, op: s.op });
    }
    return {
      edge: s.edge,
      op: s.op,
      deltaKappa: s.deltaKappa,
      deltaRegions: s.deltaRegions,
      kappaRank: kappaRank[d.idx],
      regionsRank: regionsRank[d.idx],
      rankSum: d.sum,
      order,
      pruned: isPruned,
    };
  });
  return { ranked, pruned };
}

export interface RankFromPairsResult extends RankingResult {
  candidates: CandidateRef[];
  scores: CandidateScore[];
}

/**
 * Builds the candidate scores from flat per-repeat measurements, laid out as in the ranking
 * fixtures (`ntkPairs[repeat · c + r]` = [κ of the current supernet, κ with candidate c
 * removed] for repeat r; `regionPairs` likewise), and ranks them.
 */
export function rankFromPairs(
  mask: number[][],
  ntkPairs: readonly (readonly [number, number])[],
  regionPairs: readonly (readonly [number, number])[],
  repeat: number,
  precision = 3,
): RankFromPairsResult {
  const candidates = listCandidates(mask);
  const expected = candidates.length * repeat;
  if (!Number.isInteger(repeat) || repeat < 1) throw new RangeError(`repeat must be a positive integer, got ${repeat}`);
  if (ntkPairs.length !== expected || regionPairs.length !== expected) {
    throw new RangeError(
      `expected ${expected} pairs (${candidates.length} candidates × repeat ${repeat}), got ` +
        `ntk ${ntkPairs.length}, regions ${regionPairs.length}`,
    );
  }
  const scores: CandidateScore[] = candidates.map((c, i) => ({
    edge: c.edge,
    op: c.op,
    deltaKappa: deltaFromPairs(ntkPairs.slice(repeat * i, repeat * (i + 1)), precision).mean,
    deltaRegions: deltaFromPairs(regionPairs.slice(repeat * i, repeat * (i + 1)), precision).mean,
  }));
  return { candidates, scores, ...rankCandidates(scores, precision) };
}

// ---------------------------------------------------------------------------
// Fixture schema
// ---------------------------------------------------------------------------

const bit = z.union([z.literal(0), z.literal(1)]);
const pair = z.tuple([z.number(), z.number()]);

/** A `ranking-*.json` fixture (shared/fixtures/README.md). */
export const rankingFixtureSchema = z
  .object({
    kind: z.literal('ranking'),
    mask: z.array(z.array(bit).length(5)).length(6),
    repeat: z.number().int().positive(),
    precision: z.number().int().nonnegative(),
    candidates_order: z.string().optional(),
    ntk_pairs: z.array(pair),
    region_pairs: z.array(pair),
    pruned: z.array(z.tuple([z.number().int().min(0).max(5), z.number().int().min(0).max(4)])),
  })
  .superRefine((f, ctx) => {
    const nCand = listCandidates(f.mask).length;
    const expected = nCand * f.repeat;
    for (const key of ['ntk_pairs', 'region_pairs'] as const) {
      if (f[key].length !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${key} has ${f[key].length} pairs, expected repeat × candidates = ${f.repeat} × ${nCand} = ${expected}`,
        });
      }
    }
  });

/** Total candidate measurements of a search from the full supernet (4+3+2 per edge in NB201: 54). */
export function totalCandidates(): number {
  let mask = fullMask();
  let n = 0;
  for (;;) {
    const c = listCandidates(mask);
    if (c.length === 0) return n;
    n += c.length;
    // One op pruned per edge per round (the first candidate of each edge, for counting).
    const seen = new Set<number>();
    for (const x of c) {
      if (seen.has(x.edge)) continue;
      seen.add(x.edge);
      mask = withoutOp(mask, x);
    }
  }
}
