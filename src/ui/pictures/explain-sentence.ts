/**
 * One sentence that explains a pruning decision from its numbers, e.g.
 * "Removing pool 3×3 on 3←1 lowers κ_N by 12 % and keeps 99 % of the
 * regions: best rank sum on its edge (5), so it goes." A DARTS candidate's
 * decision is told as its round made it (./explain-darts).
 */
import { edgeLabel as dartsEdgeLabel } from '../../engine/model/darts/space';
import { edgeLabel } from '../../engine/model/nb201/space';
import type { RoundView } from '../../store/run/rounds';
import { CELL_NAMES, DARTS_OP_SHORT } from '../cell/darts-ops';
import { OP_SHORT, rankSumFrom1 } from '../format';
import { dartsWhy } from './explain-darts';

/** A relative change as a percentage: one decimal below 10 %, none above. */
export function percent(x: number): string {
  const p = Math.abs(x) * 100;
  return `${p < 10 ? p.toFixed(1) : p.toFixed(0)} %`;
}

/** What removing it does to κ_N (Δκ = (κ_supernet − κ_without)/κ_supernet). */
function kappaPart(dk: number): string {
  if (!Number.isFinite(dk)) return 'leaves κ_N undefined';
  if (dk > 0) return `lowers κ_N by ${percent(dk)}`;
  if (dk < 0) return `raises κ_N by ${percent(dk)}`;
  return 'leaves κ_N unchanged';
}

/** What removing it does to the regions (ΔR = (R_supernet − R_without)/R_supernet). */
function regionsPart(dr: number): string {
  if (dr >= 0) return `keeps ${percent(1 - dr)} of the regions`;
  return `adds ${percent(dr)} to the regions`;
}

/** "round 2", or for the DARTS edge-group step "the edge-group step" (`round`: its view, when there is one). */
export function roundName(view: RoundView | null, round: number): string {
  return view?.phase === 'group' ? 'the edge-group step' : `round ${round + 1}`;
}

/** What was removed: "pool 3×3 on 3<-1"; in the DARTS space (`cell`) "sep 3×3 on normal 2<-1". */
function opOnEdge(edge: number, op: number, cell?: number): string {
  if (cell === undefined) return `${OP_SHORT[op]} on ${edgeLabel(edge)}`;
  return `${DARTS_OP_SHORT[op]} on ${CELL_NAMES[cell]} ${dartsEdgeLabel(edge)}`;
}

/** `cell`: a DARTS candidate's cell (0 normal, 1 reduction); absent in NAS-Bench-201. */
export function explainSentence(round: RoundView, edge: number, op: number, cell?: number): string {
  const what = opOnEdge(edge, op, cell);
  const same = (k: { edge: number; op: number; cell?: number }) => k.edge === edge && k.op === op && k.cell === cell;
  const name = roundName(round, round.round);
  const m = round.measured.find(same);
  if (!m) return `Removing ${what} is not measured yet in ${name}.`;
  const head = `Removing ${what} ${kappaPart(m.deltaKappa.mean)} and ${regionsPart(m.deltaRegions.mean)}`;
  const ranked = round.end?.ranked;
  const me = ranked?.find(same);
  if (!ranked || !me) return `${head}; it is ranked when every candidate of ${name} is measured.`;
  if (me.override === 'pin') return `${head}: pinned by hand, so it stays.`;
  if (me.override === 'prune') return `${head}: pruned by hand, so it goes.`;
  if (cell !== undefined) return `${head}: ${dartsWhy(ranked, me, round.phase === 'group')}`;
  // Rank sums as the page shows them: of ranks counted from 1.
  const mine = rankSumFrom1(me.rankSum);
  if (me.pruned) return `${head}: best rank sum on its edge (${mine}), so it goes.`;
  const winner = ranked.find((k) => k.edge === edge && k.pruned);
  if (!winner) return `${head}: rank sum ${mine}, and nothing on its edge is pruned this round, so it stays.`;
  const other = OP_SHORT[winner.op];
  if (winner.rankSum === me.rankSum)
    return `${head}: the same rank sum (${mine}) as ${other}, which comes first in the Δκ order and goes, so it stays.`;
  return `${head}: ${other} has the better rank sum on its edge (${rankSumFrom1(winner.rankSum)} against ${mine}), so it stays.`;
}
