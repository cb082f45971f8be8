/**
 * The TE-NAS pruning search as an async generator of typed events.
 *
 * Each round, for every candidate (an active op on an edge with more than one
 * active op), κ_N and R_N of the current supernet and of the supernet without
 * that op are measured `repeats` times (all κ repeats, then all R repeats);
 * Δκ and ΔR rank the candidates and the best rank sum on every edge is pruned
 * (the official `prune_func_rank`). Rounds repeat until one op per edge is left.
 *
 * Seeded and resumable: every random draw comes from a stream named by
 * (seed, round, candidate, repeat, purpose), and the crop pass is addressed by
 * position, so `resume` (the events of an interrupted run) continues exactly
 * as the uninterrupted run would have. Cancel with an AbortSignal; it is
 * checked between candidates.
 */
import type { CifarData } from './cifar';
import { CropPass } from './crops';
import type { CandidateEvent, SearchEvent } from './events';
import type { MeasureContext } from './measure';
import { cropsPerRepeat, kappaPair, ntkGraph, ntkInit, regionsPair, thinGraph, thinInit } from './measure';
import { stream } from './random';
import { deltaFromPairs, listCandidates, rankCandidates } from './ranking';
import type { Settings } from './settings';
import type { Mask } from './space';
import { fullMask, opsToArch, withoutOp } from './space';
import type { Weights } from './weights';
import { initWeights } from './weights';

export interface SearchOptions {
  /** Events of an earlier, interrupted run with the same seed and settings. */
  resume?: readonly SearchEvent[];
  signal?: AbortSignal;
  /** Rows of J per backward pass. */
  chunk?: number;
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

export async function* search(data: CifarData, settings: Settings, seed: number, opts: SearchOptions = {}): AsyncGenerator<SearchEvent> {
  const st = resumeState(opts.resume ?? []);
  if (st.finished) return;
  const ctx: MeasureContext = { data, seed, settings, crops: new CropPass(seed, data.numTrain), chunk: opts.chunk };
  let { round, mask, measurementsBefore } = st;
  let done = st.done;
  let started = st.roundStarted;
  for (;;) {
    const candidates = listCandidates(mask);
    if (candidates.length === 0) break;
    if (!started) yield { type: 'round-start', round, mask: mask.map((r) => r.slice()), candidates };
    const supernet = ntkGraph(mask, settings);
    const roundWeights = settings.reinitEachRepeat ? null : initWeights(supernet, ntkInit(settings), stream({ seed, round, purpose: 'ntk-init' }));
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
      const ntkGraphs = [supernet, ntkGraph(pruned, settings)];
      const kappa = { original: [] as number[], pruned: [] as number[] };
      for (let repeat = 0; repeat < settings.repeats; repeat++) {
        const w: Weights = roundWeights ?? initWeights(supernet, ntkInit(settings), stream({ seed, round, candidate: index, repeat, purpose: 'ntk-init' }));
        const [a, b] = await kappaPair(ctx, ntkGraphs, w, { round, candidate: index, repeat });
        kappa.original.push(a);
        kappa.pruned.push(b);
      }
      const thin = [thinGraph(mask, settings), thinGraph(pruned, settings)];
      const thinWeights = settings.reinitEachRepeat ? null : initWeights(thin[0], thinInit(settings), stream({ seed, round, candidate: index, purpose: 'thin-init' }));
      const regions = { original: [] as number[], pruned: [] as number[] };
      for (let repeat = 0; repeat < settings.repeats; repeat++) {
        const w = thinWeights ?? initWeights(thin[0], thinInit(settings), stream({ seed, round, candidate: index, repeat, purpose: 'thin-init' }));
        const start = ((measurementsBefore + index) * settings.repeats + repeat) * cropsPerRepeat(settings);
        const [a, b] = await regionsPair(ctx, thin, w, start, { round, candidate: index, repeat });
        regions.original.push(a);
        regions.pruned.push(b);
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
