/**
 * The networks a DARTS-space search measures (model/darts/network.ts): the
 * NTK supernet (C = 1, 3-channel 32 × 32 input) and the thin network (3 × 3
 * one-channel crops) of a pair of cell masks, and a round's networks in the
 * form the search's input drawing takes (./repeat-inputs).
 */
import { ntkInit } from '../measures/measure';
import type { Graph } from '../model/graph';
import { buildGraph } from '../model/network';
import { stream } from '../model/random';
import type { Settings } from '../model/settings';
import { initWeights } from '../model/weights';
import type { DartsMasks } from './darts-round';
import type { RoundNets } from './repeat-inputs';

export function dartsNtkGraph(m: DartsMasks, s: Settings): Graph {
  return buildGraph({
    space: 'darts',
    kind: 'ntk',
    C: 1,
    numClasses: s.numClasses,
    maskNormal: m.normal,
    maskReduce: m.reduce,
    inChannels: 3,
  });
}

export function dartsThinGraph(m: DartsMasks, s: Settings): Graph {
  return buildGraph({
    space: 'darts',
    kind: 'thin',
    C: 1,
    numClasses: s.numClasses,
    maskNormal: m.normal,
    maskReduce: m.reduce,
    inChannels: 1,
  });
}

/**
 * The networks of a round (or of the edge-group step): the supernet of the
 * masks and its thin network; the NTK weights drawn once for the round, as the
 * official code does (unless redrawn every repeat). Every parameter of the
 * supernet is listed whatever the masks, so these weights serve any network
 * with fewer ops.
 */
export function dartsRoundNets(settings: Settings, seed: number, round: number, m: DartsMasks): RoundNets {
  const supernet = dartsNtkGraph(m, settings);
  return {
    round,
    supernet,
    thin: dartsThinGraph(m, settings),
    ntkWeights: settings.reinitEachRepeat ? null : initWeights(supernet, ntkInit(settings), stream({ seed, round, purpose: 'ntk-init' })),
  };
}
