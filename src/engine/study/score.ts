/**
 * κ_N and R_N of one NAS-Bench-201 cell: κ_N on the cell's own C = 3 network,
 * R_N on its thin network, over the settings' repeats. A `none` edge is a
 * computed zero (as in NAS-Bench-201); a cell whose output is identically
 * zero is reported as degenerate and not measured.
 */
import type { CifarData } from '../data/cifar';
import { CropPass } from '../measures/crops';
import type { MeasureContext } from '../measures/measure';
import { cropsPerRepeat, kappaPair, ntkGraph, ntkInit, regionsPair, thinGraph, thinInit } from '../measures/measure';
import { stream } from '../model/random';
import type { Settings } from '../model/settings';
import { maskFromOps } from '../model/nb201/space';
import { initWeights } from '../model/weights';
import type { Graph } from '../model/graph';

export interface CellScore {
  ops: number[];
  degenerate: boolean;
  kappa: number[];
  regions: number[];
}

export async function scoreCell(
  data: CifarData,
  settings: Settings,
  seed: number,
  ops: number[],
  opts: { chunk?: number; signal?: AbortSignal } = {},
): Promise<CellScore> {
  const mask = maskFromOps(ops);
  const ntk = ntkGraph(mask, settings);
  const thin = thinGraph(mask, settings);
  if (ntk.degenerate) return { ops, degenerate: true, kappa: [], regions: [] };
  const { kappa, regions } = await scoreNetworks(data, settings, seed, ntk, thin, opts);
  return { ops, degenerate: false, kappa, regions };
}

/**
 * κ_N of `ntk` and R_N of `thin` over the settings' repeats, with the scoring
 * streams (weights drawn once, or per repeat when the settings say so): the
 * measurement of one cell in either search space.
 */
export async function scoreNetworks(
  data: CifarData,
  settings: Settings,
  seed: number,
  ntk: Graph,
  thin: Graph,
  opts: { chunk?: number; signal?: AbortSignal } = {},
): Promise<{ kappa: number[]; regions: number[] }> {
  const ctx: MeasureContext = { data, seed, settings, crops: new CropPass(seed, data.numTrain), chunk: opts.chunk };
  const kappa: number[] = [];
  const regions: number[] = [];
  const once = initWeights(ntk, ntkInit(settings), stream({ seed, purpose: 'score-init' }));
  const thinOnce = initWeights(thin, thinInit(settings), stream({ seed, purpose: 'score-init', index: 1 }));
  for (let repeat = 0; repeat < settings.repeats; repeat++) {
    if (opts.signal?.aborted) throw new Error('scoring cancelled');
    const w = settings.reinitEachRepeat ? initWeights(ntk, ntkInit(settings), stream({ seed, repeat, purpose: 'score-init' })) : once;
    kappa.push((await kappaPair(ctx, [ntk], w, { repeat }))[0]);
  }
  for (let repeat = 0; repeat < settings.repeats; repeat++) {
    const w = settings.reinitEachRepeat
      ? initWeights(thin, thinInit(settings), stream({ seed, repeat, purpose: 'score-init', index: 1 }))
      : thinOnce;
    regions.push((await regionsPair(ctx, [thin], w, repeat * cropsPerRepeat(settings), { repeat }))[0]);
  }
  return { kappa, regions };
}
