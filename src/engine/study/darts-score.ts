/**
 * κ_N and R_N of one DARTS cell pair (a genotype: normal and reduction cell,
 * one op on each of 2 edges per node), as ./score measures a NAS-Bench-201
 * cell: κ_N on the C = 1 DARTS network of the genotype's masks, R_N on its
 * thin network, over the settings' repeats (same streams as scoreCell).
 */
import type { CifarData } from '../data/cifar';
import { type Genotype, genotypeToMasks } from '../model/darts/genotype';
import type { Settings } from '../model/settings';
import { dartsNtkGraph, dartsThinGraph } from '../search/darts-nets';
import { scoreNetworks } from './score';

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
  return scoreNetworks(data, settings, seed, ntk, thin, opts);
}
