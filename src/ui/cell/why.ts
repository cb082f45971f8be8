/** The explanation shown when hovering an op in the cell graph. */
import type { RankedCandidate } from '../../engine/search/ranking';
import { edgeLabel } from '../../engine/model/nb201/space';
import type { RoundView } from '../../store/run/rounds';
import { OP_SHORT, fmt, rankFrom1, rankSumFrom1 } from '../format';

export interface OpDetails {
  title: string;
  lines: string[];
}

export function explainOp(round: RoundView, edge: number, op: number): OpDetails {
  const title = `${OP_SHORT[op]} on edge ${edgeLabel(edge)} (round ${round.round + 1})`;
  const isCandidate = round.candidates.some((c) => c.edge === edge && c.op === op);
  if (!isCandidate) return { title, lines: [`The only op left on edge ${edgeLabel(edge)}: it stays.`] };
  const m = round.measured.find((c) => c.edge === edge && c.op === op);
  if (!m) return { title, lines: ['Not measured yet in this round.'] };
  const lines = [`Removing it: Δκ_N = ${fmt(m.deltaKappa.mean)}, ΔR_N = ${fmt(m.deltaRegions.mean)}.`];
  const ranked = round.end?.ranked;
  if (!ranked) return { title, lines: [...lines, 'Ranked when every candidate of the round is measured.'] };
  const me = ranked.find((k) => k.edge === edge && k.op === op) as RankedCandidate;
  lines.push(
    `κ rank ${rankFrom1(me.kappaRank)} + R rank ${rankFrom1(me.regionsRank)} = rank sum ${rankSumFrom1(me.rankSum)} (position ${me.order + 1} of ${ranked.length}).`,
  );
  if (me.pruned) {
    lines.push(`Pruned: the first candidate of edge ${edgeLabel(edge)} in the rank-sum order — the network misses it least.`);
  } else {
    const winner = ranked.find((k) => k.edge === edge && k.pruned);
    if (winner) {
      const tie = winner.rankSum === me.rankSum ? ' (same rank sum; it came first in the Δκ order)' : '';
      lines.push(`Kept: ${OP_SHORT[winner.op]} on this edge had rank sum ${rankSumFrom1(winner.rankSum)}${tie} and was pruned instead.`);
    }
  }
  return { title, lines };
}
