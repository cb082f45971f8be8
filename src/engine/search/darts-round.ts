/**
 * One pruning round in the DARTS space: the official `prune_func_rank` over
 * both cells (see ../shared/fixtures/README.md, "darts-ranking-*.json").
 *
 * - Candidates: cell 0 (normal) then cell 1 (reduction); in each, edges 0..13
 *   in order, skipping edges with one active op; on each, its active ops 1..7.
 * - Δκ, ΔR, the sort keys, both rank lists and the rank sums: exactly as in an
 *   NB201 round ({@link rankCandidates}), over all candidates of both cells
 *   together (one list).
 * - Pruning: walking the candidates in Δκ-sorted order stably sorted by rank
 *   sum, each (cell, edge) takes the first P it meets, P = min(prune number,
 *   a − 1) with a the active ops on edge 0 of the normal cell (the official
 *   code looks only there).
 *
 * Pure functions on numbers: the search loop measures, these decide.
 */
import { type DartsMask, NUM_EDGES } from '../model/darts/space';
import { deltaFromPairs, type RankedCandidate, rankCandidates } from './ranking';

/** prune_launch.py's prune number on CIFAR-10 (2 on ImageNet, not offered). */
export const DARTS_PRUNE_NUMBER = 3;

/** A pair of cell masks: normal (cell 0) and reduction (cell 1). */
export interface DartsMasks {
  normal: DartsMask;
  reduce: DartsMask;
}

/** Removing op `op` (1..7) from edge `edge` (0..13) of cell `cell` (0 = normal, 1 = reduction). */
export interface DartsCandidate {
  cell: 0 | 1;
  edge: number;
  op: number;
}

export interface DartsCandidateScore extends DartsCandidate {
  deltaKappa: number;
  deltaRegions: number;
}

export interface DartsRankedCandidate extends DartsCandidateScore {
  kappaRank: number;
  regionsRank: number;
  rankSum: number;
  /** Position in the final rank-sum order (0 = first). */
  order: number;
  pruned: boolean;
}

export interface DartsRoundDecision {
  /** Every candidate in the final rank-sum order. */
  ranked: DartsRankedCandidate[];
  /** The pruned candidates, grouped by (cell, edge) in the order each edge's first one is met, within an edge in the order met. */
  pruned: DartsCandidate[];
}

export function cellMask(m: DartsMasks, cell: 0 | 1): DartsMask {
  return cell === 0 ? m.normal : m.reduce;
}

function activeCount(row: readonly number[]): number {
  let k = 0;
  for (let o = 1; o < row.length; o++) if (row[o] > 0) k++;
  return k;
}

/** The round's candidates in the official order (column 0, `none`, never counts). */
export function listDartsCandidates(m: DartsMasks): DartsCandidate[] {
  const out: DartsCandidate[] = [];
  for (const cell of [0, 1] as const) {
    const mask = cellMask(m, cell);
    mask.forEach((row, edge) => {
      if (activeCount(row) <= 1) return;
      for (let op = 1; op < row.length; op++) if (row[op] > 0) out.push({ cell, edge, op });
    });
  }
  return out;
}

/** P = min(pruneNumber, a − 1), a = active ops on edge 0 of the normal cell (never below 0). */
export function effectivePruneNumber(m: DartsMasks, pruneNumber: number): number {
  return Math.max(0, Math.min(pruneNumber, activeCount(m.normal[0]) - 1));
}

/** Ranking keys of ranking.ts are (edge, op): one edge id per (cell, edge). */
const edgeId = (c: DartsCandidate) => c.cell * NUM_EDGES + c.edge;

/**
 * The ranking and pruning decision of a round from the candidates' Δκ and ΔR,
 * given in listing order ({@link listDartsCandidates}); `prune` is the
 * effective prune number P.
 */
export function decideDartsRound(scores: readonly DartsCandidateScore[], prune: number, precision = 3): DartsRoundDecision {
  const byId = new Map(scores.map((s) => [`${edgeId(s)},${s.op}`, s]));
  const { ranked } = rankCandidates(
    scores.map((s) => ({ edge: edgeId(s), op: s.op, deltaKappa: s.deltaKappa, deltaRegions: s.deltaRegions })),
    precision,
  );
  const taken = new Map<number, DartsCandidate[]>();
  const out = ranked.map((r: RankedCandidate): DartsRankedCandidate => {
    const s = byId.get(`${r.edge},${r.op}`)!;
    const list = taken.get(r.edge) ?? [];
    const pruned = list.length < prune;
    if (pruned) {
      list.push({ cell: s.cell, edge: s.edge, op: s.op });
      taken.set(r.edge, list);
    }
    return { ...s, kappaRank: r.kappaRank, regionsRank: r.regionsRank, rankSum: r.rankSum, order: r.order, pruned };
  });
  return { ranked: out, pruned: [...taken.values()].flat() };
}

/** The masks with the pruned candidates removed (copies). */
export function applyPruned(m: DartsMasks, pruned: readonly DartsCandidate[]): DartsMasks {
  const out = { normal: m.normal.map((r) => r.slice()), reduce: m.reduce.map((r) => r.slice()) };
  for (const c of pruned) cellMask(out, c.cell)[c.edge][c.op] = 0;
  return out;
}

/** Δκ and ΔR of each candidate from flat per-repeat pairs (`pairs[repeat·c + r]` = [current network, candidate removed]). */
export function scoresFromPairs(
  candidates: readonly DartsCandidate[],
  ntkPairs: readonly (readonly [number, number])[],
  regionPairs: readonly (readonly [number, number])[],
  repeat: number,
  precision = 3,
): DartsCandidateScore[] {
  if (!Number.isInteger(repeat) || repeat < 1) throw new RangeError(`repeat must be a positive integer, got ${repeat}`);
  const expected = candidates.length * repeat;
  if (ntkPairs.length !== expected || regionPairs.length !== expected) {
    throw new RangeError(
      `expected ${expected} pairs (${candidates.length} candidates × repeat ${repeat}), got ntk ${ntkPairs.length}, regions ${regionPairs.length}`,
    );
  }
  return candidates.map((c, i) => ({
    ...c,
    deltaKappa: deltaFromPairs(ntkPairs.slice(repeat * i, repeat * (i + 1)), precision).mean,
    deltaRegions: deltaFromPairs(regionPairs.slice(repeat * i, repeat * (i + 1)), precision).mean,
  }));
}

export interface DartsRoundResult extends DartsRoundDecision {
  candidates: DartsCandidate[];
  scores: DartsCandidateScore[];
  pruneNumberEffective: number;
  after: DartsMasks;
}

/** A whole round from the measurements laid out as in the darts-ranking fixtures. */
export function dartsRoundFromPairs(
  m: DartsMasks,
  ntkPairs: readonly (readonly [number, number])[],
  regionPairs: readonly (readonly [number, number])[],
  repeat: number,
  precision: number,
  pruneNumber: number,
): DartsRoundResult {
  const candidates = listDartsCandidates(m);
  const scores = scoresFromPairs(candidates, ntkPairs, regionPairs, repeat, precision);
  const pruneNumberEffective = effectivePruneNumber(m, pruneNumber);
  const decision = decideDartsRound(scores, pruneNumberEffective, precision);
  return { candidates, scores, pruneNumberEffective, ...decision, after: applyPruned(m, decision.pruned) };
}
