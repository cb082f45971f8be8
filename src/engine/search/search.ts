/**
 * The TE-NAS pruning search as an async generator of typed events.
 *
 * Each round, for every candidate (an active op on an edge with more than one
 * active op), κ_N and R_N of the current supernet and of the supernet without
 * that op are measured `repeats` times (all κ repeats, then all R repeats);
 * Δκ and ΔR rank the candidates and the best rank sum on every edge is pruned
 * (the official `prune_func_rank`). Rounds repeat until one op per edge is left.
 *
 * Official schedule (default): every candidate draws its own NTK batch per
 * repeat, its own thin-net weights and its own crops (the crop pass continues
 * across candidates), and measures the unpruned supernet again beside the
 * pruned one: 2 networks × repeats per candidate.
 *
 * `settings.sharedBatch` (not the official behaviour): all candidates of a
 * round share, for repeat r, the NTK batch, the NTK weights, the thin-net
 * weights and the crops; so the unpruned supernet is measured once per repeat
 * per round, before the first candidate, and its κ_N and R_N are reused as
 * every candidate's `original` numbers: (candidates + 1) × repeats networks a
 * round instead of 2 × candidates × repeats. Its streams are named without a
 * candidate (never colliding with the official ones) and its crops are
 * position (round × repeats + r) × crops-per-repeat of the pass. A candidate's
 * `ms` is the wall time from its start to its event, so the first candidate
 * measured in a round (after a resume too) includes the supernet's
 * measurements and the candidates' times still sum to the search's.
 *
 * Seeded and resumable: every random draw comes from a stream named by
 * (seed, round, candidate, repeat, purpose), and the crop pass is addressed by
 * position, so `resume` (the events of an interrupted run) continues exactly
 * as the uninterrupted run would have (with sharedBatch the round's supernet
 * measurements are recomputed on resume, from the same streams). Cancel with
 * an AbortSignal; it is checked between candidates.
 */
import type { CifarData } from '../data/cifar';
import { CropPass } from '../measures/crops';
import type { CandidateEvent, SearchEvent } from './events';
import type { MeasureContext, MeasureCounter } from '../measures/measure';
import {
  cropsPerRepeat,
  kappaOf,
  ntkBatchPixels,
  ntkGraph,
  ntkInit,
  regionInputs,
  regionsOf,
  thinGraph,
  thinInit,
} from '../measures/measure';
import type { Graph } from '../model/graph';
import { stream } from '../model/random';
import { deltaFromPairs, listCandidates, rankCandidates } from './ranking';
import type { Settings } from '../model/settings';
import type { Mask } from '../model/nb201/space';
import { fullMask, opsToArch, withoutOp } from '../model/nb201/space';
import type { Weights } from '../model/weights';
import { initWeights } from '../model/weights';

export interface SearchOptions {
  /** Events of an earlier, interrupted run with the same seed and settings. */
  resume?: readonly SearchEvent[];
  signal?: AbortSignal;
  /** Rows of J per backward pass. */
  chunk?: number;
  /** Counts the networks measured (tests, benchmarks). */
  counter?: MeasureCounter;
}

export class SearchCancelled extends Error {
  constructor() {
    super('search cancelled');
    this.name = 'SearchCancelled';
  }
}

interface ResumeState {
  round: number;
  mask: Mask;
  roundStarted: boolean;
  done: Map<number, CandidateEvent>;
  measurementsBefore: number;
  finished: boolean;
}

function resumeState(events: readonly SearchEvent[]): ResumeState {
  const st: ResumeState = { round: 0, mask: fullMask(), roundStarted: false, done: new Map(), measurementsBefore: 0, finished: false };
  for (const e of events) {
    if (e.type === 'round-start') {
      if (e.round !== st.round) throw new Error(`resume: round ${e.round} started, expected round ${st.round}`);
      st.roundStarted = true;
    } else if (e.type === 'candidate') {
      if (e.round !== st.round) throw new Error(`resume: candidate of round ${e.round} inside round ${st.round}`);
      st.done.set(e.index, e);
    } else if (e.type === 'round-end') {
      st.measurementsBefore += listCandidates(st.mask).length;
      st.mask = e.mask.map((r) => r.slice());
      st.round++;
      st.roundStarted = false;
      st.done = new Map();
    } else {
      st.finished = true;
    }
  }
  return st;
}

/** What one repeat measures on: the NTK weights and batch, the thin-net weights and the crops. */
interface RepeatInputs {
  ntkWeights: Weights;
  pixels: Float32Array;
  thinWeights: Weights;
  crops: Float32Array[];
}

/** The networks of a round: the current supernet (NTK and thin) and the weights shared by the whole round, if any. */
interface RoundNets {
  round: number;
  supernet: Graph;
  thin: Graph;
  /** The NTK supernet's weights, drawn once per round (official); null when redrawn every repeat. */
  ntkWeights: Weights | null;
}

/**
 * The inputs of every repeat of one measurement unit: a candidate (official:
 * `candidate` set, crops at `cropStart`) or a whole round (sharedBatch:
 * `candidate` undefined). Stream keys without a candidate never collide with
 * the official ones, which always name it.
 */
function drawInputs(
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

/** κ_N (all repeats) then R_N (all repeats) of the given networks; result[g][repeat]. */
async function measureRepeats(
  ctx: MeasureContext,
  nets: RoundNets,
  inputs: readonly RepeatInputs[],
  ntk: readonly Graph[],
  thin: readonly Graph[],
): Promise<{ kappa: number[][]; regions: number[][] }> {
  const kappa = ntk.map(() => [] as number[]);
  const regions = thin.map(() => [] as number[]);
  for (const inp of inputs)
    (await kappaOf(ctx, nets.supernet, inp.ntkWeights, inp.pixels, ntk)).forEach((k, g) => {
      kappa[g].push(k);
    });
  for (const inp of inputs)
    (await regionsOf(ctx, nets.thin, inp.thinWeights, inp.crops, thin)).forEach((r, g) => {
      regions[g].push(r);
    });
  return { kappa, regions };
}

/** With sharedBatch: the round's inputs and the unpruned supernet's κ_N and R_N per repeat, measured once for all its candidates. */
interface RoundBaseline {
  inputs: RepeatInputs[];
  kappa: number[];
  regions: number[];
}

export async function* search(data: CifarData, settings: Settings, seed: number, opts: SearchOptions = {}): AsyncGenerator<SearchEvent> {
  const st = resumeState(opts.resume ?? []);
  if (st.finished) return;
  const ctx: MeasureContext = { data, seed, settings, crops: new CropPass(seed, data.numTrain), chunk: opts.chunk, counter: opts.counter };
  const perRepeat = cropsPerRepeat(settings);
  let { round, mask, measurementsBefore } = st;
  let done = st.done;
  let started = st.roundStarted;
  for (;;) {
    const candidates = listCandidates(mask);
    if (candidates.length === 0) break;
    if (!started) yield { type: 'round-start', round, mask: mask.map((r) => r.slice()), candidates };
    const supernet = ntkGraph(mask, settings);
    const nets: RoundNets = {
      round,
      supernet,
      thin: thinGraph(mask, settings),
      ntkWeights: settings.reinitEachRepeat ? null : initWeights(supernet, ntkInit(settings), stream({ seed, round, purpose: 'ntk-init' })),
    };
    // sharedBatch: measured before the first candidate that needs it (again after a resume: deterministic, so the same numbers).
    let baseline: RoundBaseline | null = null;
    const events: CandidateEvent[] = [];
    for (let index = 0; index < candidates.length; index++) {
      const prior = done.get(index);
      if (prior) {
        events.push(prior);
        continue;
      }
      if (opts.signal?.aborted) throw new SearchCancelled();
      const t0 = performance.now();
      const c = candidates[index];
      const pruned = withoutOp(mask, c);
      const prunedNtk = ntkGraph(pruned, settings);
      const prunedThin = thinGraph(pruned, settings);
      let kappa: { original: number[]; pruned: number[] };
      let regions: { original: number[]; pruned: number[] };
      if (settings.sharedBatch) {
        if (!baseline) {
          // One crop set per (round, repeat); the pass continues across rounds.
          const inputs = drawInputs(ctx, nets, undefined, (repeat) => (round * settings.repeats + repeat) * perRepeat);
          const m = await measureRepeats(ctx, nets, inputs, [supernet], [nets.thin]);
          baseline = { inputs, kappa: m.kappa[0], regions: m.regions[0] };
        }
        const m = await measureRepeats(ctx, nets, baseline.inputs, [prunedNtk], [prunedThin]);
        kappa = { original: baseline.kappa.slice(), pruned: m.kappa[0] };
        regions = { original: baseline.regions.slice(), pruned: m.regions[0] };
      } else {
        // Official: the crop pass continues across candidates.
        const inputs = drawInputs(ctx, nets, index, (repeat) => ((measurementsBefore + index) * settings.repeats + repeat) * perRepeat);
        const m = await measureRepeats(ctx, nets, inputs, [supernet, prunedNtk], [nets.thin, prunedThin]);
        kappa = { original: m.kappa[0], pruned: m.kappa[1] };
        regions = { original: m.regions[0], pruned: m.regions[1] };
      }
      const zip = (p: { original: number[]; pruned: number[] }) => p.original.map((o, i) => [o, p.pruned[i]] as const);
      const ev: CandidateEvent = {
        type: 'candidate',
        round,
        index,
        edge: c.edge,
        op: c.op,
        kappa,
        regions,
        deltaKappa: deltaFromPairs(zip(kappa), settings.precision),
        deltaRegions: deltaFromPairs(zip(regions), settings.precision),
        // With sharedBatch the first candidate measured in a round also carries the supernet's measurements.
        ms: performance.now() - t0,
      };
      events.push(ev);
      yield ev;
    }
    const ranking = rankCandidates(
      events.map((e) => ({ edge: e.edge, op: e.op, deltaKappa: e.deltaKappa.mean, deltaRegions: e.deltaRegions.mean })),
      settings.precision,
    );
    let next = mask;
    for (const p of ranking.pruned) next = withoutOp(next, p);
    yield { type: 'round-end', round, ranked: ranking.ranked, pruned: ranking.pruned, mask: next };
    measurementsBefore += candidates.length;
    mask = next;
    round++;
    started = false;
    done = new Map();
  }
  const ops = mask.map((row) => {
    const active = row.map((v, i) => (v ? i : -1)).filter((i) => i > 0);
    return active[0] ?? 0;
  });
  yield { type: 'result', ops, arch: opsToArch(ops), rounds: round };
}
