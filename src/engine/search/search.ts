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
 *
 * Steered (./steering, ./overrides): `resume` may hold override events (a
 * branch is its parent's events up to the branch point plus the override
 * events, resumed: the same streams from there on); `overrides` apply where
 * the resumed events end (the CLI's: from the start) or, with a `round`, at
 * that round's end before its pruning, each yielded as an override event. A
 * refused override throws OverrideRefused before anything is measured.
 */
import type { CifarData } from '../data/cifar';
import { CropPass } from '../measures/crops';
import { SearchCancelled } from './cancelled';
import { dartsSearch } from './darts-search';
import type { CandidateEvent, SearchEvent } from './events';
import type { MeasureContext, MeasureCounter } from '../measures/measure';
import { ntkGraph, thinGraph } from '../measures/measure';
import type { NtkResult } from '../measures/kappa';
import { compactSpectrum } from '../measures/spectra';
import { candidateHelpers, inOrder, searchRowHelpers } from './candidate-pool';
import { type CandidateMeasures, countRemote } from './candidate-measures';
import { candidateRequest } from './candidate-request';
import { measureNb201Candidate, measureRepeats } from './nb201-candidate';
import { deltaFromPairs, listCandidates, rankCandidates } from './ranking';
import { type ScheduledOverride, Steering } from './steering';
import { drawInputs, type RepeatInputs, roundNets, sharedCropStart } from './repeat-inputs';
import type { Settings } from '../model/settings';
import type { Mask } from '../model/nb201/space';
import { fullMask, opsToArch, withoutOp } from '../model/nb201/space';

export interface SearchOptions {
  /** Events of an earlier, interrupted run with the same seed and settings. */
  resume?: readonly SearchEvent[];
  signal?: AbortSignal;
  /** Rows of J per backward pass. */
  chunk?: number;
  /** Counts the networks measured (tests, benchmarks). */
  counter?: MeasureCounter;
  /**
   * Receives the NTKs of each candidate's last repeat (the supernet's and the pruned network's, [B × B] float64)
   * before its event is yielded: the heatmap of the trainability picture.
   */
  onNtk?: (ref: { round: number; index: number }, ntk: { original: Float64Array; pruned: Float64Array }) => void;
  /** Overrides applied where `resume` ends, or (with `round`) at that round's end before its pruning. */
  overrides?: readonly ScheduledOverride[];
}

export { SearchCancelled };

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
      // An override between rounds may have pruned an op since the last round's end.
      st.mask = e.mask.map((r) => r.slice());
    } else if (e.type === 'candidate') {
      if (e.round !== st.round) throw new Error(`resume: candidate of round ${e.round} inside round ${st.round}`);
      st.done.set(e.index, e);
    } else if (e.type === 'round-end') {
      st.measurementsBefore += listCandidates(st.mask).length;
      st.mask = e.mask.map((r) => r.slice());
      st.round++;
      st.roundStarted = false;
      st.done = new Map();
    } else if (e.type === 'result') {
      st.finished = true;
    }
  }
  return st;
}

/** With sharedBatch: the round's inputs and the unpruned supernet's κ_N and R_N per repeat, measured once for all its candidates. */
interface RoundBaseline {
  inputs: RepeatInputs[];
  kappa: number[];
  regions: number[];
  last: NtkResult;
}

/** The eigenvalues an event carries; absent when either spectrum has a non-finite value. */
function spectraOf(original: NtkResult, pruned: NtkResult): CandidateEvent['spectra'] {
  const o = compactSpectrum(original.eigenvalues);
  const p = compactSpectrum(pruned.eigenvalues);
  return o && p ? { original: o, pruned: p } : undefined;
}

export async function* search(data: CifarData, settings: Settings, seed: number, opts: SearchOptions = {}): AsyncGenerator<SearchEvent> {
  // The DARTS space has its own loop (two cells, the edge-group step).
  if (settings.space === 'darts') return yield* dartsSearch(data, settings, seed, opts);
  const st = resumeState(opts.resume ?? []);
  const steering = new Steering(opts.resume ?? [], opts.overrides ?? []);
  yield* steering.initial;
  if (st.finished) return;
  const ctx: MeasureContext = { data, seed, settings, crops: new CropPass(seed, data.numTrain), chunk: opts.chunk, counter: opts.counter };
  const keepNtk = opts.onNtk !== undefined;
  const helpers = candidateHelpers();
  // With candidate helpers, each thread measures whole candidates: none shares its NTK rows.
  const localCtx: MeasureContext = { ...ctx, rowHelpers: searchRowHelpers(settings) };
  let { round, measurementsBefore } = st;
  let mask = steering.mask;
  let done = st.done;
  let started = st.roundStarted;
  for (;;) {
    const candidates = listCandidates(mask);
    if (candidates.length === 0) break;
    if (!started) yield { type: 'round-start', round, mask: mask.map((r) => r.slice()), candidates };
    const nets = roundNets(settings, seed, round, mask);
    const { supernet } = nets;
    // sharedBatch: measured before the first candidate that needs it (again after a resume: deterministic, so the same numbers).
    let baseline: RoundBaseline | null = null;
    const events: CandidateEvent[] = [];
    for (let index = 0; index < candidates.length; index++) {
      const prior = done.get(index);
      if (prior) events.push(prior);
    }
    const roundMask = mask;
    const before = measurementsBefore;
    /** Official: each candidate on its own inputs (the crop pass continues across candidates), here or on a helper. */
    const local = (index: number): Promise<CandidateMeasures> =>
      measureNb201Candidate(localCtx, nets, roundMask, candidates[index], index, before, keepNtk);
    const remote = async (h: (typeof helpers)[number], index: number): Promise<CandidateMeasures> => {
      const fields = {
        space: 'nb201' as const,
        settings,
        seed,
        round,
        mask: roundMask,
        candidate: candidates[index],
        index,
        before,
        keepNtk,
      };
      return countRemote(ctx.counter, await h.candidate(candidateRequest({ ...fields, chunk: opts.chunk })));
    };
    /** sharedBatch: the round's baseline once, then each pruned network on its inputs. */
    const shared = async (index: number): Promise<CandidateMeasures> => {
      const t0 = performance.now();
      if (!baseline) {
        // One crop set per (round, repeat); the pass continues across rounds.
        const inputs = drawInputs(ctx, nets, undefined, sharedCropStart(settings, round));
        const m = await measureRepeats(ctx, nets, inputs, [supernet], [nets.thin], keepNtk);
        baseline = { inputs, kappa: m.kappa[0], regions: m.regions[0], last: m.last[0] };
      }
      const pruned = withoutOp(mask, candidates[index]);
      const m = await measureRepeats(ctx, nets, baseline.inputs, [ntkGraph(pruned, settings)], [thinGraph(pruned, settings)], keepNtk);
      // The first candidate measured in a round also carries the supernet's measurements (its time too).
      return {
        kappa: [baseline.kappa.slice(), m.kappa[0]],
        regions: [baseline.regions.slice(), m.regions[0]],
        last: [baseline.last, m.last[0]],
        ms: performance.now() - t0,
      };
    };
    const jobs = candidates.map((_, i) => i).filter((i) => !done.has(i));
    if (jobs.length > 0 && opts.signal?.aborted) throw new SearchCancelled();
    const measured = settings.sharedBatch ? inOrder(jobs, shared, remote, []) : inOrder(jobs, local, remote, helpers);
    for await (const [index, m] of measured) {
      const c = candidates[index];
      const kappa = { original: m.kappa[0], pruned: m.kappa[1] };
      const regions = { original: m.regions[0], pruned: m.regions[1] };
      const last: [NtkResult, NtkResult] = [m.last[0], m.last[1]];
      if (last[0].ntk && last[1].ntk) opts.onNtk?.({ round, index }, { original: last[0].ntk, pruned: last[1].ntk });
      const spectra = spectraOf(last[0], last[1]);
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
        ...(spectra && { spectra }),
        ms: m.ms,
      };
      events.push(ev);
      yield ev;
      if (opts.signal?.aborted && index < candidates.length - 1) throw new SearchCancelled();
    }
    events.sort((a, b) => a.index - b.index);
    yield* steering.roundEnd(round, mask);
    const ranking = steering.prune(
      rankCandidates(
        events.map((e) => ({ edge: e.edge, op: e.op, deltaKappa: e.deltaKappa.mean, deltaRegions: e.deltaRegions.mean })),
        settings.precision,
      ),
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
  steering.checkReached(round);
  const ops = mask.map((row) => {
    const active = row.map((v, i) => (v ? i : -1)).filter((i) => i > 0);
    return active[0] ?? 0;
  });
  yield { type: 'result', ops, arch: opsToArch(ops), rounds: round };
}
