/**
 * One NAS-Bench-201 candidate's measurements in the official schedule — κ_N of
 * the round's supernet and of the network without the candidate, then R_N of
 * both thin networks, every repeat, on the candidate's own inputs (./search) —
 * computed here or, from a small request, by a helper thread with its own
 * backend and its own copy of the data (./candidate-pool). Everything a
 * candidate draws is addressed by (seed, round, candidate, repeat) and by crop
 * position, so both give bit-identical numbers.
 */
import type { CifarData } from '../data/cifar';
import type { KernelChoice } from '../kernels/own-kernels';
import { CropPass } from '../measures/crops';
import type { NtkResult } from '../measures/kappa';
import type { MeasureContext } from '../measures/measure';
import { ntkGraph, regionsOf, thinGraph } from '../measures/measure';
import { ntkResultsOf } from '../measures/spectra';
import type { Graph } from '../model/graph';
import type { Mask } from '../model/nb201/space';
import { withoutOp } from '../model/nb201/space';
import type { Settings } from '../model/settings';
import type { CandidateMeasures } from './candidate-measures';
import { cachedRoundNets } from './round-nets-cache';
import { candidateInputs, type RepeatInputs, type RoundNets, roundNets } from './repeat-inputs';

/** κ_N (all repeats) then R_N (all repeats) of the given networks; result[g][repeat]; `last[g]`: the last repeat's NTK (with the matrix when `keepNtk`). */
export async function measureRepeats(
  ctx: MeasureContext,
  nets: RoundNets,
  inputs: readonly RepeatInputs[],
  ntk: readonly Graph[],
  thin: readonly Graph[],
  keepNtk = false,
): Promise<{ kappa: number[][]; regions: number[][]; last: NtkResult[] }> {
  const kappa = ntk.map(() => [] as number[]);
  const regions = thin.map(() => [] as number[]);
  let last: NtkResult[] = [];
  for (const [r, inp] of inputs.entries()) {
    last = await ntkResultsOf(ctx, nets.supernet, inp.ntkWeights, inp.pixels, ntk, { keepNtk: keepNtk && r === inputs.length - 1 });
    last.forEach((k, g) => {
      kappa[g].push(k.kappa);
    });
  }
  for (const inp of inputs)
    (await regionsOf(ctx, nets.thin, inp.thinWeights, inp.crops, thin)).forEach((r, g) => {
      regions[g].push(r);
    });
  return { kappa, regions, last };
}

/** The official candidate `index` (op `c` removed from `mask`): both networks, its own inputs. */
export async function measureNb201Candidate(
  ctx: MeasureContext,
  nets: RoundNets,
  mask: Mask,
  c: { edge: number; op: number },
  index: number,
  before: number,
  keepNtk: boolean,
): Promise<CandidateMeasures> {
  const t0 = performance.now();
  const pruned = withoutOp(mask, c);
  const inputs = candidateInputs(ctx, nets, index, before);
  const m = await measureRepeats(
    ctx,
    nets,
    inputs,
    [nets.supernet, ntkGraph(pruned, ctx.settings)],
    [nets.thin, thinGraph(pruned, ctx.settings)],
    keepNtk,
  );
  return { ...m, ms: performance.now() - t0 };
}

/** What a helper thread needs to measure one NB201 candidate (official schedule). */
export interface Nb201CandidateRequest {
  space: 'nb201';
  settings: Settings;
  seed: number;
  round: number;
  mask: Mask;
  candidate: { edge: number; op: number };
  index: number;
  /** Candidates of the earlier rounds (the crop pass's position). */
  before: number;
  keepNtk: boolean;
  chunk?: number;
  kernels: KernelChoice;
}

/** The helper's side (kernels already chosen: ./candidate-request). */
export function answerNb201Candidate(data: CifarData, req: Nb201CandidateRequest): Promise<CandidateMeasures> {
  // A round's networks and NTK weights serve all its candidates: drawn once per round here too.
  const nets = cachedRoundNets([req.seed, req.round, req.settings, req.mask], () => roundNets(req.settings, req.seed, req.round, req.mask));
  const ctx: MeasureContext = {
    data,
    seed: req.seed,
    settings: req.settings,
    crops: new CropPass(req.seed, data.numTrain),
    chunk: req.chunk,
  };
  return measureNb201Candidate(ctx, nets, req.mask, req.candidate, req.index, req.before, req.keepNtk);
}
