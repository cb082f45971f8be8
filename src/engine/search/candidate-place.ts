/**
 * Where a candidate stands in a run — enough to draw again what it was
 * measured on (./candidate-nets, ./candidate-pictures) — and how to find it
 * in a run's events, in either space:
 * - NAS-Bench-201: the round's mask at its start;
 * - DARTS: both cells' masks at the round's start and the candidate's cell;
 *   in the edge-group step also the masks its own side and both thin
 *   networks were measured on (the step's start masks less the groups decided
 *   before its own: each decision is `decideGroup` over that group's candidate
 *   events, as the search made it — steered, with the pins and hand prunes in
 *   force where the candidate's event stands, ./darts-steer).
 */
import type { Settings } from '../model/settings';
import { listEdgeGroups } from './darts-group';
import { dartsSteerOf } from './darts-overrides';
import { applyPruned, type DartsMasks } from './darts-round';
import { type DartsSteer, decideSteeredGroup } from './darts-steer';
import type { CandidateEvent, SearchEvent } from './events';
import { nextPoint, startPoint } from './overrides';

export interface CandidatePlace {
  settings: Settings;
  seed: number;
  /** The round's mask at its start (DARTS: the normal cell's). */
  mask: number[][];
  /** DARTS: the reduction cell's mask at the round's start. */
  maskReduce?: number[][];
  /** DARTS: the candidate's cell (0 = normal, 1 = reduction). */
  cell?: 0 | 1;
  /** DARTS edge-group step: the masks the candidate's side and both thin networks were measured on. */
  measuredOn?: { mask: number[][]; maskReduce: number[][] };
  round: number;
  /** Position in the round's listing. */
  index: number;
  edge: number;
  op: number;
  /** Candidates measured in the rounds before. */
  before: number;
}

/** A candidate of a run: removing `op` from `edge` (of `cell`, in the DARTS space) in `round`. */
export interface CandidateRef {
  round: number;
  edge: number;
  op: number;
  cell?: number;
}

const isDartsRun = (s: Settings) => s.space === 'darts';

/**
 * The masks a group-step candidate was measured on: the step's start masks
 * with the decisions of the groups before its own applied (with `steer`, the
 * steering in force when it was measured); null when an earlier candidate's
 * event is missing.
 */
export function groupStepMasks(
  start: DartsMasks,
  events: ReadonlyMap<number, CandidateEvent>,
  index: number,
  precision: number,
  steer: DartsSteer = { pins: [], pending: [] },
): DartsMasks | null {
  let current = start;
  let first = 0;
  for (const g of listEdgeGroups(start)) {
    if (index < first + g.candidates.length) return current;
    const scores = g.candidates.map((_, i) => events.get(first + i));
    if (scores.some((e) => e === undefined)) return null;
    const d = decideSteeredGroup(
      scores.map((e) => ({
        cell: e!.cell as 0 | 1,
        edge: e!.edge,
        op: e!.op,
        deltaKappa: e!.deltaKappa.mean,
        deltaRegions: e!.deltaRegions.mean,
      })),
      steer,
      undefined,
      precision,
    );
    current = applyPruned(current, d.pruned);
    first += g.candidates.length;
  }
  return null;
}

/** The place of a measured candidate in a run's events; null when it has not been measured. */
export function candidatePlace(
  run: { settings: Settings; seed: number; events: readonly SearchEvent[] },
  ref: CandidateRef,
): CandidatePlace | null {
  const darts = isDartsRun(run.settings);
  let before = 0;
  let start: Extract<SearchEvent, { type: 'round-start' }> | null = null;
  const measured = new Map<number, CandidateEvent>();
  // DARTS: the steering in force as the events go (a group step's decisions depend on it).
  let point = darts ? startPoint('darts') : null;
  for (const e of run.events) {
    if (point) point = nextPoint(point, e);
    if (e.type === 'round-start') {
      if (e.round === ref.round) start = e;
      else if (e.round < ref.round) before += e.candidates.length;
    }
    if (e.type !== 'candidate' || e.round !== ref.round || !start) continue;
    measured.set(e.index, e);
    if (e.edge !== ref.edge || e.op !== ref.op || (darts && e.cell !== ref.cell)) continue;
    const place: CandidatePlace = {
      settings: run.settings,
      seed: run.seed,
      mask: start.mask,
      round: e.round,
      index: e.index,
      edge: e.edge,
      op: e.op,
      before,
    };
    if (!darts) return place;
    if (!start.maskReduce || (e.cell !== 0 && e.cell !== 1)) return null;
    const dartsPlace: CandidatePlace = { ...place, maskReduce: start.maskReduce, cell: e.cell };
    if (start.phase !== 'group') return dartsPlace;
    const on = groupStepMasks(
      { normal: start.mask, reduce: start.maskReduce },
      measured,
      e.index,
      run.settings.precision,
      point ? dartsSteerOf(point) : undefined,
    );
    return on && { ...dartsPlace, measuredOn: { mask: on.normal, maskReduce: on.reduce } };
  }
  return null;
}
