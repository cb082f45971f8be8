/** Views of a run's event list, by round: what the charts, tables and the cell graph draw. */
import type { CandidateEvent, RoundEndEvent, RoundStartEvent, SearchEvent } from '../../engine/search/events';
import { totalCandidates } from '../../engine/search/ranking';
import type { Mask } from '../../engine/model/nb201/space';
import { spread } from '../../engine/measures/spread';
import { isDefinedKappa } from '../params/numeric';

export interface RoundView {
  round: number;
  /** The supernet's mask at the start of the round. */
  mask: Mask;
  /** With `cell` in the DARTS space. */
  candidates: RoundStartEvent['candidates'];
  /** DARTS: 'group' for the edge-group step (the last "round"). */
  phase?: RoundStartEvent['phase'];
  measured: CandidateEvent[];
  end: RoundEndEvent | null;
}

export function roundsOf(events: readonly SearchEvent[]): RoundView[] {
  const rounds: RoundView[] = [];
  for (const e of events) {
    if (e.type === 'round-start')
      rounds.push({ round: e.round, mask: e.mask, candidates: e.candidates, ...(e.phase && { phase: e.phase }), measured: [], end: null });
    const r = rounds[rounds.length - 1];
    if (!r) continue;
    if (e.type === 'candidate' && e.round === r.round) r.measured.push(e);
    if (e.type === 'round-end' && e.round === r.round) r.end = e;
  }
  return rounds;
}

/** Total candidate measurements of a search from the full supernet (54 in NAS-Bench-201). */
export const TOTAL_CANDIDATES: number = totalCandidates();
/** Total candidate measurements of a DARTS-space search: rounds of 196 and 112, the edge-group step's 24. */
export const DARTS_TOTAL_CANDIDATES = 196 + 112 + 24;
/** The total for a run's space (NAS-Bench-201 when it has none). */
export const totalCandidatesOf = (settings: { space?: string } | null | undefined): number =>
  settings?.space === 'darts' ? DARTS_TOTAL_CANDIDATES : TOTAL_CANDIDATES;

export interface Spread {
  mean: number;
  min: number;
  max: number;
}

export interface TrajectoryPoint {
  round: number;
  kappa: Spread;
  regions: Spread;
}

function spreadOf(v: number[], ok: (x: number) => boolean = Number.isFinite): Spread | null {
  const f = v.filter(ok);
  return f.length === 0 ? null : spread(f);
}

/** κ_N and R_N of the current supernet per round: the candidates' `original` measurements. */
export function trajectory(rounds: readonly RoundView[]): TrajectoryPoint[] {
  const out: TrajectoryPoint[] = [];
  for (const r of rounds) {
    const kappa = spreadOf(
      r.measured.flatMap((c) => c.kappa.original),
      isDefinedKappa,
    );
    const regions = spreadOf(r.measured.flatMap((c) => c.regions.original));
    if (kappa && regions) out.push({ round: r.round, kappa, regions });
  }
  return out;
}

export function candidatesDone(events: readonly SearchEvent[]): number {
  return events.reduce((n, e) => n + (e.type === 'candidate' ? 1 : 0), 0);
}
