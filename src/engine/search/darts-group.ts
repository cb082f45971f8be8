/**
 * The edge-group step, the last step of a DARTS-space search: the official
 * `prune_func_rank_group` (see ../shared/fixtures/README.md,
 * "darts-group-*.json"), which leaves 2 incoming edges per node.
 *
 * Groups are the incoming edges of states 2..5 ({@link EDGE_GROUPS}), taken
 * cell 0 then cell 1, each cell's groups in order; a group of at most
 * `numPerGroup` edges is skipped. A group's candidates are the active ops of
 * its edges (edges in order, ops in order). Per group, over its candidates
 * only: Δκ, ΔR, both rank lists and the rank sums as in a round; in Δκ-sorted
 * order stably sorted by rank sum, all but the last `numPerGroup` are pruned.
 *
 * Groups are disjoint, so the candidate list can be made up front; the search
 * loop measures a group's candidates on the masks left by the groups before
 * it (see the README for which masks each measurement uses).
 */
import { EDGE_GROUPS } from '../model/darts/space';
import {
  applyPruned,
  cellMask,
  type DartsCandidate,
  type DartsCandidateScore,
  type DartsMasks,
  type DartsRankedCandidate,
  scoresFromPairs,
} from './darts-round';
import { rankCandidates } from './ranking';

export interface EdgeGroup {
  cell: 0 | 1;
  /** Index in the groups (0..3: the incoming edges of state 2 + group). */
  group: number;
  /** Rows [start, end). */
  rows: readonly [number, number];
  candidates: DartsCandidate[];
}

export const NUM_PER_GROUP = 2;

/** The groups that have candidates, in the official order, each with its candidates. */
export function listEdgeGroups(
  m: DartsMasks,
  groups: readonly (readonly [number, number])[] = EDGE_GROUPS,
  numPerGroup = NUM_PER_GROUP,
): EdgeGroup[] {
  const out: EdgeGroup[] = [];
  for (const cell of [0, 1] as const) {
    const mask = cellMask(m, cell);
    groups.forEach(([start, end], group) => {
      if (end - start <= numPerGroup) return;
      const candidates: DartsCandidate[] = [];
      for (let edge = start; edge < end; edge++) {
        for (let op = 1; op < mask[edge].length; op++) if (mask[edge][op] > 0) candidates.push({ cell, edge, op });
      }
      out.push({ cell, group, rows: [start, end], candidates });
    });
  }
  return out;
}

export interface GroupDecision {
  /** The group's candidates in the final rank-sum order; `pruned` marks all but the last `numPerGroup`. */
  ranked: DartsRankedCandidate[];
  pruned: DartsCandidate[];
}

/** The decision for one group from its candidates' Δκ and ΔR, in listing order. */
export function decideGroup(scores: readonly DartsCandidateScore[], numPerGroup = NUM_PER_GROUP, precision = 3): GroupDecision {
  const { ranked } = rankCandidates(
    scores.map((s, i) => ({ edge: i, op: s.op, deltaKappa: s.deltaKappa, deltaRegions: s.deltaRegions })),
    precision,
  );
  const cut = ranked.length - numPerGroup;
  const out = ranked.map((r, order) => ({
    ...scores[r.edge],
    kappaRank: r.kappaRank,
    regionsRank: r.regionsRank,
    rankSum: r.rankSum,
    order,
    pruned: order < cut,
  }));
  return { ranked: out, pruned: out.filter((c) => c.pruned).map(({ cell, edge, op }) => ({ cell, edge, op })) };
}

/** kept[cell][group]: the rows of the group that still have an active op. */
export function keptEdges(m: DartsMasks, groups: readonly (readonly [number, number])[] = EDGE_GROUPS): number[][][] {
  return ([0, 1] as const).map((cell) =>
    groups.map(([start, end]) => {
      const rows: number[] = [];
      for (let e = start; e < end; e++) if (cellMask(m, cell)[e].some((v, op) => op > 0 && v > 0)) rows.push(e);
      return rows;
    }),
  );
}

export interface GroupStepResult {
  groups: EdgeGroup[];
  /** Every candidate, all groups in order (the pairs' global index). */
  candidates: DartsCandidate[];
  decisions: GroupDecision[];
  after: DartsMasks;
  kept: number[][][];
}

/** The whole step from the measurements laid out as in the darts-group fixtures (`pairs[repeat·c + r]`, c over all groups' candidates). */
export function groupStepFromPairs(
  m: DartsMasks,
  ntkPairs: readonly (readonly [number, number])[],
  regionPairs: readonly (readonly [number, number])[],
  repeat: number,
  precision: number,
  groups: readonly (readonly [number, number])[] = EDGE_GROUPS,
  numPerGroup = NUM_PER_GROUP,
): GroupStepResult {
  const list = listEdgeGroups(m, groups, numPerGroup);
  const candidates = list.flatMap((g) => g.candidates);
  const scores = scoresFromPairs(candidates, ntkPairs, regionPairs, repeat, precision);
  let at = 0;
  let after = m;
  const decisions = list.map((g) => {
    const d = decideGroup(scores.slice(at, at + g.candidates.length), numPerGroup, precision);
    at += g.candidates.length;
    after = applyPruned(after, d.pruned);
    return d;
  });
  return { groups: list, candidates, decisions, after, kept: keptEdges(after, groups) };
}
