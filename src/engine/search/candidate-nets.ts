/**
 * The networks a candidate was measured on, by space (the one place that
 * chooses them), exactly as the search measured it:
 * - the round's networks (./repeat-inputs RoundNets: the NTK supernet whose
 *   weights are drawn once per round, the thin net the inputs' weights are
 *   drawn for);
 * - the NTK pair: the round's supernet and the network without the candidate;
 * - the thin pair: the current thin network and the one without the candidate.
 * In the DARTS edge-group step the candidate's side and both thin networks
 * are built on the masks left by the groups decided before its own (the
 * supernet side stays the step's start, as in the official code).
 */
import { ntkGraph, thinGraph } from '../measures/measure';
import type { Graph } from '../model/graph';
import { withoutOp } from '../model/nb201/space';
import type { CandidatePlace } from './candidate-place';
import { dartsNtkGraph, dartsRoundNets, dartsThinGraph } from './darts-nets';
import { applyPruned } from './darts-round';
import { type RoundNets, roundNets } from './repeat-inputs';

export interface CandidateNets {
  nets: RoundNets;
  /** κ_N's networks: the supernet, the supernet without the candidate. */
  ntk: [Graph, Graph];
  /** R_N's networks: the current thin network, the one without the candidate. */
  thin: [Graph, Graph];
}

function dartsNets(p: CandidatePlace): CandidateNets {
  if (!p.maskReduce || p.cell === undefined) throw new Error('a DARTS candidate names its cell and the round has both cells’ masks');
  const start = { normal: p.mask, reduce: p.maskReduce };
  const current = p.measuredOn ? { normal: p.measuredOn.mask, reduce: p.measuredOn.maskReduce } : start;
  const pruned = applyPruned(current, [{ cell: p.cell, edge: p.edge, op: p.op }]);
  const nets = dartsRoundNets(p.settings, p.seed, p.round, start);
  return {
    nets,
    ntk: [nets.supernet, dartsNtkGraph(pruned, p.settings)],
    thin: [p.measuredOn ? dartsThinGraph(current, p.settings) : nets.thin, dartsThinGraph(pruned, p.settings)],
  };
}

export function candidateNets(p: CandidatePlace): CandidateNets {
  if (p.settings.space === 'darts') return dartsNets(p);
  const nets = roundNets(p.settings, p.seed, p.round, p.mask);
  const pruned = withoutOp(p.mask, { edge: p.edge, op: p.op });
  return { nets, ntk: [nets.supernet, ntkGraph(pruned, p.settings)], thin: [nets.thin, thinGraph(pruned, p.settings)] };
}
