/**
 * Two runs side by side: their κ_N and R_N per round (the mean over the
 * round's candidates of the supernet's measurements, as the trajectory chart
 * draws them) joined by round, and the rounds where they part — where the ops
 * each round pruned differ, and the first of them. Either search space (a
 * DARTS op is told by its cell too).
 */
import type { RoundEndEvent, SearchEvent } from '../../engine/search/events';
import { roundsOf, trajectory } from '../run/rounds';

export interface JointPoint {
  /** 1-based, as the page shows rounds. */
  round: number;
  kappaA?: number;
  kappaB?: number;
  regionsA?: number;
  regionsB?: number;
}

/** κ_N and R_N of both runs per round, for one chart with two lines each. */
export function jointTrajectory(a: readonly SearchEvent[], b: readonly SearchEvent[]): JointPoint[] {
  const byRound = new Map<number, JointPoint>();
  const at = (round: number) => byRound.get(round) ?? byRound.set(round, { round: round + 1 }).get(round)!;
  for (const p of trajectory(roundsOf(a))) Object.assign(at(p.round), { kappaA: p.kappa.mean, regionsA: p.regions.mean });
  for (const p of trajectory(roundsOf(b))) Object.assign(at(p.round), { kappaB: p.kappa.mean, regionsB: p.regions.mean });
  return [...byRound.values()].sort((x, y) => x.round - y.round);
}

/** An op a round pruned (with its cell in the DARTS space). */
export type PrunedRef = RoundEndEvent['pruned'][number];

export interface Parting {
  /** 0-based round. */
  round: number;
  /** The ops only this run pruned at the round's end. */
  onlyA: PrunedRef[];
  onlyB: PrunedRef[];
}

/** An op of a round's pruning; a DARTS one with its cell (the same edge and op in the other cell is another op). */
const key = (c: PrunedRef) => `${c.cell ?? ''}:${c.edge}:${c.op}`;

/** The rounds whose pruning differs between the runs (a round only one of them reached counts from what it pruned). */
export function partings(a: readonly SearchEvent[], b: readonly SearchEvent[]): Parting[] {
  const ends = (events: readonly SearchEvent[]) =>
    new Map(events.flatMap((e) => (e.type === 'round-end' ? [[e.round, e.pruned] as const] : [])));
  const ea = ends(a);
  const eb = ends(b);
  const rounds = [...new Set([...ea.keys(), ...eb.keys()])].sort((x, y) => x - y);
  const out: Parting[] = [];
  for (const round of rounds) {
    const pa = ea.get(round) ?? [];
    const pb = eb.get(round) ?? [];
    const sb = new Set(pb.map(key));
    const sa = new Set(pa.map(key));
    const onlyA = pa.filter((c) => !sb.has(key(c)));
    const onlyB = pb.filter((c) => !sa.has(key(c)));
    if (onlyA.length > 0 || onlyB.length > 0) out.push({ round, onlyA, onlyB });
  }
  return out;
}
