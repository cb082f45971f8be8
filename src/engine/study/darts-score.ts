/**
 * κ_N and R_N of one DARTS cell pair (a genotype: normal and reduction cell,
 * one op on each of 2 edges per node), as ./score measures a NAS-Bench-201
 * cell: κ_N on the C = 1 DARTS network of the genotype's masks, R_N on its
 * thin network, over the settings' repeats (same streams as scoreCell).
 */
import type { CifarData } from '../data/cifar';
import { CropPass } from '../measures/crops';
import type { MeasureContext } from '../measures/measure';
import { cropsPerRepeat, kappaPair, ntkInit, regionsPair, thinInit } from '../measures/measure';
import { type Genotype, genotypeToMasks } from '../model/darts/genotype';
import { stream } from '../model/random';
import type { Settings } from '../model/settings';
import { initWeights } from '../model/weights';
import { dartsNtkGraph, dartsThinGraph } from '../search/darts-nets';

export interface GenotypeScore {
  kappa: number[];
  regions: number[];
}

export async function scoreGenotype(
  data: CifarData,
  settings: Settings,
  seed: number,
  genotype: Genotype,
  opts: { chunk?: number; signal?: AbortSignal } = {},
): Promise<GenotypeScore> {
  const { maskNormal, maskReduce } = genotypeToMasks(genotype);
  const masks = { normal: maskNormal, reduce: maskReduce };
  const ntk = dartsNtkGraph(masks, settings);
  const thin = dartsThinGraph(masks, settings);
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
