/**
 * Why a DARTS-space candidate was (or was not) pruned, once its round is
 * ranked (the tail of the explain card's sentence, after what removing it
 * does):
 * - a pruning round: walking both cells' candidates in rank-sum order, each
 *   edge of each cell gives up the first P it meets (P = 3, then 3 again:
 *   7 → 4 → 1 ops per edge);
 * - the edge-group step: per node (2–5, as the cell drawing numbers them), of
 *   the candidates on its incoming edges all go but the 2 with the highest
 *   rank sums (their edges stay).
 * Rank sums as the page shows them: of ranks counted from 1.
 */
import { edgeLabel } from '../../engine/model/darts/space';
import type { RoundEndEvent } from '../../engine/search/events';
import { rankSumFrom1 } from '../format';
import { DARTS_OP_SHORT } from '../cell/darts-ops';

type Ranked = RoundEndEvent['ranked'][number];

/** "sep 3×3 5, skip 8" (the ops of one edge), or with `edges` "2<-0 sep 3×3 5" (one op on each of a node's edges). */
const withSums = (list: readonly Ranked[], edges = false) =>
  list.map((k) => `${edges ? `${edgeLabel(k.edge)} ` : ''}${DARTS_OP_SHORT[k.op]} ${rankSumFrom1(k.rankSum)}`).join(', ');

/** A pruning round's decision for `me`, among `ranked` (the round's final order). */
function pruneRoundWhy(ranked: readonly Ranked[], me: Ranked): string {
  const mine = rankSumFrom1(me.rankSum);
  const onEdge = ranked.filter((k) => k.cell === me.cell && k.edge === me.edge && k.pruned);
  if (me.pruned) return `rank sum ${mine}, among the ${onEdge.length} best on its edge, so it goes.`;
  if (onEdge.length === 0) return `rank sum ${mine}, and nothing on its edge is pruned this round, so it stays.`;
  const tie = onEdge.some((k) => k.rankSum === me.rankSum) ? '; a tie goes to the first in the Δκ order' : '';
  return `rank sum ${mine}; the ${onEdge.length} best on its edge go (${withSums(onEdge)}${tie}), so it stays.`;
}

/** The edge-group step's decision for `me`, among the candidates of its group (node). */
function groupStepWhy(ranked: readonly Ranked[], me: Ranked): string {
  const group = ranked.filter((k) => k.cell === me.cell && k.group === me.group);
  const kept = group.filter((k) => !k.pruned);
  // Node g + 2 as the cell drawing numbers it; its incoming edges are labelled g<-j (the official names).
  const g = me.group ?? 0;
  const where = `the ${group.length} candidates into node ${g + 2} (edges ${g}<-j)`;
  const mine = rankSumFrom1(me.rankSum);
  if (!me.pruned) return `rank sum ${mine}, one of the ${kept.length} highest of ${where}, so its edge stays.`;
  return `rank sum ${mine}; of ${where} the step keeps the ${kept.length} with the highest rank sums (${withSums(kept, true)}), so its edge goes.`;
}

/** Why `me` went or stayed in a ranked DARTS round (`group`: the edge-group step). */
export function dartsWhy(ranked: readonly Ranked[], me: Ranked, group: boolean): string {
  return group ? groupStepWhy(ranked, me) : pruneRoundWhy(ranked, me);
}
