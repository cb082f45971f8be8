/**
 * One DARTS candidate's measurements — κ_N of the round's supernet and of the
 * network without the candidate, then R_N of both thin networks, every repeat
 * (see ./darts-search) — computed here or, from a small request, by a helper
 * thread with its own backend and its own copy of the data (./candidate-pool).
 * Everything a candidate draws is addressed by (seed, round, candidate,
 * repeat) and by crop position, so both give bit-identical numbers.
 */
import type { CifarData } from '../data/cifar';
import type { KernelChoice } from '../kernels/own-kernels';
import { CropPass } from '../measures/crops';
import type { NtkResult } from '../measures/kappa';
import type { MeasureContext } from '../measures/measure';
import { regionsOf, regionsOfSets } from '../measures/measure';
import { ntkResultsOf } from '../measures/spectra';
import type { Graph } from '../model/graph';
import type { Settings } from '../model/settings';
import type { CandidateMeasures } from './candidate-measures';
import { dartsNtkGraph, dartsRoundNets, dartsThinGraph } from './darts-nets';
import { applyPruned, type DartsCandidate, type DartsMasks } from './darts-round';
import { cachedRoundNets } from './round-nets-cache';
import { drawInputs, officialCropStart, type RoundNets } from './repeat-inputs';

/** κ of ntk[0], ntk[1] (all repeats), then R of thin[0], thin[1], on candidate `index`'s inputs. */
export async function measureDartsCandidate(
  ctx: MeasureContext,
  nets: RoundNets,
  index: number,
  before: number,
  ntk: readonly [Graph, Graph],
  thin: readonly [Graph, Graph],
  keepNtk: boolean,
): Promise<CandidateMeasures> {
  const t0 = performance.now();
  const inputs = drawInputs(ctx, nets, index, officialCropStart(ctx.settings, before, index));
  const kappa: number[][] = [[], []];
  const regions: number[][] = [[], []];
  let last: NtkResult[] = [];
  for (const [r, inp] of inputs.entries()) {
    last = await ntkResultsOf(ctx, nets.supernet, inp.ntkWeights, inp.pixels, ntk, { keepNtk: keepNtk && r === inputs.length - 1 });
    last.forEach((k, g) => {
      kappa[g].push(k.kappa);
    });
  }
  // The thin net drawn once for all repeats (official): every repeat's crops in one pass per network.
  let perRepeat: number[][] = [];
  if (inputs.every((inp) => inp.thinWeights === inputs[0].thinWeights))
    perRepeat = await regionsOfSets(
      ctx,
      nets.thin,
      inputs[0].thinWeights,
      inputs.map((inp) => inp.crops),
      thin,
    );
  else for (const inp of inputs) perRepeat.push(await regionsOf(ctx, nets.thin, inp.thinWeights, inp.crops, thin));
  for (const r of perRepeat)
    r.forEach((x, g) => {
      regions[g].push(x);
    });
  return { kappa, regions, last, ms: performance.now() - t0 };
}

/** What a helper thread needs to measure one candidate (small: masks and numbers). */
export interface DartsCandidateRequest {
  space: 'darts';
  settings: Settings;
  seed: number;
  round: number;
  /** The masks the round's networks and NTK weights are drawn for (the round's, or the group step's start). */
  roundMasks: DartsMasks;
  /** The masks the candidate is removed from (the round's; in the group step, as pruned so far). */
  current: DartsMasks;
  candidate: DartsCandidate;
  index: number;
  /** Candidates of the earlier rounds (the crop pass's position). */
  before: number;
  keepNtk: boolean;
  chunk?: number;
  /** The caller's wasm kernels (the helper uses the same). */
  kernels: KernelChoice;
}

/** The networks of a request: [current, candidate removed] for κ and for R. */
export function candidateGraphs(req: Pick<DartsCandidateRequest, 'current' | 'candidate' | 'settings'>): {
  ntk: (supernet: Graph) => readonly [Graph, Graph];
  thin: (unpruned: Graph) => readonly [Graph, Graph];
} {
  const pruned = applyPruned(req.current, [req.candidate]);
  return {
    ntk: (supernet) => [supernet, dartsNtkGraph(pruned, req.settings)],
    thin: (unpruned) => [unpruned, dartsThinGraph(pruned, req.settings)],
  };
}

/** The helper's side (kernels already chosen: ./candidate-request). */
export async function answerDartsCandidate(data: CifarData, req: DartsCandidateRequest): Promise<CandidateMeasures> {
  // A round's networks and NTK weights serve all its candidates: drawn once per round here too.
  const nets = cachedRoundNets([req.seed, req.round, req.settings, req.roundMasks], () =>
    dartsRoundNets(req.settings, req.seed, req.round, req.roundMasks),
  );
  const ctx: MeasureContext = {
    data,
    seed: req.seed,
    settings: req.settings,
    crops: new CropPass(req.seed, data.numTrain),
    chunk: req.chunk,
  };
  const g = candidateGraphs(req);
  const sameThin = JSON.stringify(req.current) === JSON.stringify(req.roundMasks);
  return measureDartsCandidate(
    ctx,
    nets,
    req.index,
    req.before,
    g.ntk(nets.supernet),
    g.thin(sameThin ? nets.thin : dartsThinGraph(req.current, req.settings)),
    req.keepNtk,
  );
}
