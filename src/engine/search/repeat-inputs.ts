/**
 * What the search measures on, drawn from the named random streams: the
 * networks of a round (with the NTK weights drawn once per round, unless
 * redrawn every repeat) and, per repeat of a candidate or of a round, the NTK
 * weights and batch, the thin-net weights and the crops. The search draws
 * them here, and so does anything that recomputes part of a run later (the
 * pictures of a candidate, from a recording's seed and settings).
 */
import { cropsPerRepeat, ntkBatchPixels, ntkGraph, ntkInit, regionInputs, thinGraph, thinInit } from '../measures/measure';
import type { MeasureContext } from '../measures/measure';
import type { Graph } from '../model/graph';
import type { Mask } from '../model/nb201/space';
import { stream } from '../model/random';
import type { Settings } from '../model/settings';
import type { Weights } from '../model/weights';
import { initWeights } from '../model/weights';

/** What one repeat measures on: the NTK weights and batch, the thin-net weights and the crops. */
export interface RepeatInputs {
  ntkWeights: Weights;
  pixels: Float32Array;
  thinWeights: Weights;
  crops: Float32Array[];
}

/** The networks of a round: the current supernet (NTK and thin) and the weights shared by the whole round, if any. */
export interface RoundNets {
  round: number;
  supernet: Graph;
  thin: Graph;
  /** The NTK supernet's weights, drawn once per round (official); null when redrawn every repeat. */
  ntkWeights: Weights | null;
}

export function roundNets(settings: Settings, seed: number, round: number, mask: Mask): RoundNets {
  const supernet = ntkGraph(mask, settings);
  return {
    round,
    supernet,
    thin: thinGraph(mask, settings),
    ntkWeights: settings.reinitEachRepeat ? null : initWeights(supernet, ntkInit(settings), stream({ seed, round, purpose: 'ntk-init' })),
  };
}

/**
 * The inputs of every repeat of one measurement unit: a candidate (official:
 * `candidate` set, crops at `cropStart`) or a whole round (sharedBatch:
 * `candidate` undefined). Stream keys without a candidate never collide with
 * the official ones, which always name it.
 */
export function drawInputs(
  ctx: MeasureContext,
  nets: RoundNets,
  candidate: number | undefined,
  cropStart: (repeat: number) => number,
): RepeatInputs[] {
  const { seed, settings } = ctx;
  const { round } = nets;
  // Thin net: once per candidate (official) or once per round (sharedBatch), unless redrawn every repeat.
  const thinOnce = settings.reinitEachRepeat
    ? null
    : initWeights(nets.thin, thinInit(settings), stream({ seed, round, candidate, purpose: 'thin-init' }));
  const out: RepeatInputs[] = [];
  for (let repeat = 0; repeat < settings.repeats; repeat++) {
    const key = { round, candidate, repeat };
    out.push({
      ntkWeights: nets.ntkWeights ?? initWeights(nets.supernet, ntkInit(settings), stream({ seed, ...key, purpose: 'ntk-init' })),
      pixels: ntkBatchPixels(ctx, key),
      thinWeights: thinOnce ?? initWeights(nets.thin, thinInit(settings), stream({ seed, ...key, purpose: 'thin-init' })),
      crops: regionInputs(ctx, cropStart(repeat), key),
    });
  }
  return out;
}

/** Official schedule: the crop pass continues across candidates (`before`: candidates measured in earlier rounds). */
export function officialCropStart(settings: Settings, before: number, index: number): (repeat: number) => number {
  return (repeat) => ((before + index) * settings.repeats + repeat) * cropsPerRepeat(settings);
}

/** sharedBatch: one crop set per (round, repeat); the pass continues across rounds. */
export function sharedCropStart(settings: Settings, round: number): (repeat: number) => number {
  return (repeat) => (round * settings.repeats + repeat) * cropsPerRepeat(settings);
}

/** The inputs candidate `index` of a round was measured on (both schedules); `before`: candidates of earlier rounds. */
export function candidateInputs(ctx: MeasureContext, nets: RoundNets, index: number, before: number): RepeatInputs[] {
  const s = ctx.settings;
  return s.sharedBatch
    ? drawInputs(ctx, nets, undefined, sharedCropStart(s, nets.round))
    : drawInputs(ctx, nets, index, officialCropStart(s, before, index));
}
