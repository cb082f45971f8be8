/**
 * The TE-NAS search in the DARTS space (see ../shared/fixtures/README.md,
 * "DARTS space", last paragraph), as an async generator of the same events
 * as the NAS-Bench-201 search (./events; candidates name their cell):
 *
 * - Pruning rounds (./darts-round) over both cells while some edge has more
 *   than one op (the official `is_single_path` test before each round), prune
 *   number 3: 7 → 4 → 1 ops per edge, 196 and 112 candidates.
 * - Then the edge-group step (./darts-group), once, as the last "round"
 *   (round-start `phase: 'group'`): per node the 2 incoming edges of the best
 *   rank sums stay (3 + 4 + 5 edges per cell: 24 candidates).
 * - Each candidate and repeat: κ_N of the round's supernet and of the network
 *   without the candidate on a fresh NTK batch (drawn per call), R_N of both
 *   thin networks on 3 fresh batches of crops (the crop pass continues across
 *   candidates); the NTK supernet is drawn once per round (once for the whole
 *   group step), the thin pair anew per candidate.
 * - The group step's quirk: κ of the unpruned side is measured on the masks of
 *   the step's start (not updated as groups are pruned); the candidate's κ and
 *   both region counts use the current masks.
 * - The result: the official `genotype()` of the final masks.
 *
 * Seeded and resumable like the NAS-Bench-201 search (named random streams,
 * the crop pass addressed by position). Steered like it too (./steering, the
 * rules in ./darts-overrides, the decisions in ./darts-steer): overrides name
 * their cell; pinned ops are passed over by the pruning walk and their edges
 * kept by the edge-group step; hand prunes leave the masks. The shared batch
 * is not offered in this space: asking for it throws.
 */
import type { CifarData } from '../data/cifar';
import { CropPass } from '../measures/crops';
import { SearchCancelled } from './cancelled';
import type { MeasureContext, MeasureCounter } from '../measures/measure';
import { compactSpectrum } from '../measures/spectra';
import type { Graph } from '../model/graph';
import { formatGenotype, genotypeFromMasks } from '../model/darts/genotype';
import { fullDartsMask, isSinglePath } from '../model/darts/space';
import type { Settings } from '../model/settings';
import { candidateHelpers, inOrder, searchRowHelpers } from './candidate-pool';
import { type CandidateMeasures, countRemote } from './candidate-measures';
import { candidateRequest } from './candidate-request';
import { candidateGraphs, measureDartsCandidate } from './darts-candidate';
import { dartsRoundNets, dartsThinGraph } from './darts-nets';
import { listEdgeGroups, NUM_PER_GROUP } from './darts-group';
import { applyPruned, DARTS_PRUNE_NUMBER, type DartsCandidate, type DartsMasks, listDartsCandidates } from './darts-round';
import { decideSteeredGroup, decideSteeredRound, pruneNumberFor, type SteeredRanked } from './darts-steer';
import type { CandidateEvent, SearchEvent } from './events';
import { deltaFromPairs } from './ranking';
import type { RoundNets } from './repeat-inputs';
import { type ScheduledOverride, Steering } from './steering';

export { DARTS_PRUNE_NUMBER };

export interface DartsSearchOptions {
  resume?: readonly SearchEvent[];
  signal?: AbortSignal;
  chunk?: number;
  counter?: MeasureCounter;
  onNtk?: (ref: { round: number; index: number }, ntk: { original: Float64Array; pruned: Float64Array }) => void;
  /** Overrides applied where `resume` ends, or (with `round`) at that round's end (the edge-group step: before it starts). */
  overrides?: readonly ScheduledOverride[];
}

const copy = (m: DartsMasks): DartsMasks => ({ normal: m.normal.map((r) => r.slice()), reduce: m.reduce.map((r) => r.slice()) });
const ref = (c: DartsCandidate) => ({ cell: c.cell, edge: c.edge, op: c.op });
const rankedOf = (r: SteeredRanked, group?: number) => ({
  edge: r.edge,
  op: r.op,
  cell: r.cell,
  deltaKappa: r.deltaKappa,
  deltaRegions: r.deltaRegions,
  kappaRank: r.kappaRank,
  regionsRank: r.regionsRank,
  rankSum: r.rankSum,
  order: r.order,
  pruned: r.pruned,
  ...(r.override && { override: r.override }),
  ...(group !== undefined && { group }),
});

/** The candidates of each round so far, and the resumed events of the open one (the masks and the steering: ./steering). */
interface ResumeState {
  round: number;
  masks: DartsMasks;
  started: boolean;
  done: Map<number, CandidateEvent>;
  before: number;
  finished: boolean;
}

function resumeState(events: readonly SearchEvent[]): ResumeState {
  const st: ResumeState = {
    round: 0,
    masks: { normal: fullDartsMask(), reduce: fullDartsMask() },
    started: false,
    done: new Map(),
    before: 0,
    finished: false,
  };
  for (const e of events) {
    if (e.type === 'override') continue;
    if (e.type === 'round-start') {
      if (e.round !== st.round) throw new Error(`resume: round ${e.round} started, expected round ${st.round}`);
      if (!e.maskReduce) throw new Error(`resume: round ${e.round} starts without the reduction cell's mask`);
      st.started = true;
      // An override between rounds may have pruned an op since the last round's end.
      st.masks = { normal: e.mask.map((r) => r.slice()), reduce: e.maskReduce.map((r) => r.slice()) };
    } else if (e.type === 'candidate') {
      if (e.round !== st.round) throw new Error(`resume: candidate of round ${e.round} inside round ${st.round}`);
      st.done.set(e.index, e);
    } else if (e.type === 'round-end') {
      if (!e.maskReduce) throw new Error(`resume: round ${e.round} ends without the reduction cell's mask`);
      st.before += listDartsCandidates(st.masks).length;
      st.masks = { normal: e.mask.map((r) => r.slice()), reduce: e.maskReduce.map((r) => r.slice()) };
      st.round++;
      st.started = false;
      st.done = new Map();
    } else st.finished = true;
  }
  return st;
}

export async function* dartsSearch(
  data: CifarData,
  settings: Settings,
  seed: number,
  opts: DartsSearchOptions = {},
): AsyncGenerator<SearchEvent> {
  if (settings.sharedBatch) throw new Error('the shared batch is not offered in the DARTS space (the official schedule only)');
  const st = resumeState(opts.resume ?? []);
  const steering = new Steering(opts.resume ?? [], opts.overrides ?? [], 'darts');
  yield* steering.initial;
  if (st.finished) return;
  const ctx: MeasureContext = { data, seed, settings, crops: new CropPass(seed, data.numTrain), chunk: opts.chunk, counter: opts.counter };
  const keepNtk = opts.onNtk !== undefined;
  let { round, started, done, before } = st;
  let masks = steering.masks;

  const helpers = candidateHelpers();
  // With candidate helpers, each thread measures whole candidates: none shares its NTK rows.
  const localCtx: MeasureContext = { ...ctx, rowHelpers: searchRowHelpers(settings) };

  /**
   * Measures candidates first.. of `list` (or takes their resumed events), this
   * thread and the candidate helpers together, and yields their events in order.
   */
  async function* measured(
    nets: RoundNets,
    roundMasks: DartsMasks,
    first: number,
    list: readonly DartsCandidate[],
    thin: Graph,
    current: DartsMasks,
  ): AsyncGenerator<CandidateEvent> {
    if (opts.signal?.aborted) throw new SearchCancelled();
    const jobs = list.map((_, k) => first + k).filter((i) => !done.has(i));
    const local = (i: number): Promise<CandidateMeasures> => {
      const g = candidateGraphs({ current, candidate: list[i - first], settings });
      return measureDartsCandidate(localCtx, nets, i, before, g.ntk(nets.supernet), g.thin(thin), keepNtk);
    };
    const remote = async (h: (typeof helpers)[number], i: number): Promise<CandidateMeasures> => {
      const req = {
        space: 'darts' as const,
        settings,
        seed,
        round,
        roundMasks,
        current,
        candidate: list[i - first],
        index: i,
        before,
        keepNtk,
        chunk: opts.chunk,
      };
      return countRemote(ctx.counter, await h.candidate(candidateRequest(req)));
    };
    for await (const [index, m] of inOrder(jobs, local, remote, helpers)) {
      const c = list[index - first];
      if (m.last[0].ntk && m.last[1].ntk) opts.onNtk?.({ round, index }, { original: m.last[0].ntk, pruned: m.last[1].ntk });
      const o = compactSpectrum(m.last[0].eigenvalues);
      const p = compactSpectrum(m.last[1].eigenvalues);
      const zip = (x: number[][]) => x[0].map((v, i) => [v, x[1][i]] as const);
      const ev: CandidateEvent = {
        type: 'candidate',
        round,
        index,
        cell: c.cell,
        edge: c.edge,
        op: c.op,
        kappa: { original: m.kappa[0], pruned: m.kappa[1] },
        regions: { original: m.regions[0], pruned: m.regions[1] },
        deltaKappa: deltaFromPairs(zip(m.kappa), settings.precision),
        deltaRegions: deltaFromPairs(zip(m.regions), settings.precision),
        ...(o && p && { spectra: { original: o, pruned: p } }),
        ms: m.ms,
      };
      done.set(index, ev);
      yield ev;
      if (opts.signal?.aborted) throw new SearchCancelled();
    }
  }
  const score = (index: number) => {
    const e = done.get(index)!;
    return { cell: e.cell as 0 | 1, edge: e.edge, op: e.op, deltaKappa: e.deltaKappa.mean, deltaRegions: e.deltaRegions.mean };
  };
  const masksOut = (m: DartsMasks) => ({ mask: m.normal.map((r) => r.slice()), maskReduce: m.reduce.map((r) => r.slice()) });

  // Pruning rounds while some edge has more than one op.
  while (!isSinglePath(masks.normal) || !isSinglePath(masks.reduce)) {
    const candidates = listDartsCandidates(masks);
    if (!started) yield { type: 'round-start', round, ...masksOut(masks), phase: 'prune', candidates: candidates.map(ref) };
    const nets = dartsRoundNets(settings, seed, round, masks);
    yield* measured(nets, masks, 0, candidates, nets.thin, masks);
    yield* steering.roundEnd(round, masks.normal, masks.reduce);
    const decision = decideSteeredRound(
      candidates.map((_, i) => score(i)),
      masks,
      pruneNumberFor(masks, DARTS_PRUNE_NUMBER),
      steering.dartsSteer,
      settings.precision,
    );
    steering.closeRound();
    const next = applyPruned(masks, decision.pruned);
    yield {
      type: 'round-end',
      round,
      ranked: decision.ranked.map((r) => rankedOf(r)),
      pruned: decision.pruned.map(ref),
      ...masksOut(next),
    };
    before += candidates.length;
    masks = next;
    round++;
    started = false;
    done = new Map();
  }

  // The edge-group step, once: not again when a resumed run already left 2 edges in every group.
  const needed = (m: DartsMasks) => listEdgeGroups(m).some((g) => g.candidates.length > NUM_PER_GROUP);
  if (needed(masks) && !started) {
    // Overrides scheduled for the step apply before it starts (it prunes group by group as it measures).
    yield* steering.beforeRound(round, masks);
    masks = steering.masks;
  }
  const groups = listEdgeGroups(masks);
  if (groups.some((g) => g.candidates.length > NUM_PER_GROUP)) {
    const candidates = groups.flatMap((g) => g.candidates);
    if (!started) yield { type: 'round-start', round, ...masksOut(masks), phase: 'group', candidates: candidates.map(ref) };
    const nets = dartsRoundNets(settings, seed, round, masks);
    let current = copy(masks);
    let index = 0;
    const ranked: ReturnType<typeof rankedOf>[] = [];
    const pruned: DartsCandidate[] = [];
    for (const g of groups) {
      const first = index;
      const thin = dartsThinGraph(current, settings);
      yield* measured(nets, masks, first, g.candidates, thin, current);
      index += g.candidates.length;
      const d = decideSteeredGroup(
        g.candidates.map((_, i) => score(first + i)),
        steering.dartsSteer,
        NUM_PER_GROUP,
        settings.precision,
      );
      current = applyPruned(current, d.pruned);
      ranked.push(...d.ranked.map((r) => rankedOf(r, g.group)));
      pruned.push(...d.pruned);
    }
    steering.closeRound();
    yield { type: 'round-end', round, ranked, pruned: pruned.map(ref), ...masksOut(current) };
    masks = current;
    round++;
  }
  steering.checkReached(round);
  const genotype = genotypeFromMasks(masks.normal, masks.reduce);
  const opOf = (row: number[]) => Math.max(0, row.indexOf(1));
  yield { type: 'result', ops: masks.normal.map(opOf), opsReduce: masks.reduce.map(opOf), arch: formatGenotype(genotype), rounds: round };
}
