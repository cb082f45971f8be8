/** What the trade-off chart plots for one round: pure functions of the round views. */
import { candidateKappaProblem } from '../../store/params/numeric';
import type { RoundView } from '../../store/run/rounds';
import { candidateLabel } from '../format';

export interface TradeoffPoint {
  /** The candidate ("edge-op"): the same point from round to round. */
  key: string;
  x: number;
  y: number;
  label: string;
  op: number;
  /** Measured in this round, or not yet: then drawn faintly where the previous round put it. */
  pending: boolean;
  /** Pruned by the previous round: drawn (fading out) where that round put it, while this round streams in. */
  leaving: boolean;
  /** The round (0-based) whose measurement x and y are. */
  round: number;
  pruned: boolean;
  rankSum: number | null;
}

/** Candidates not plotted because their κ is undefined (see store/params/numeric.ts). */
export function undefinedKappa(r: RoundView | null): { label: string; why: string }[] {
  if (!r) return [];
  return r.measured.flatMap((c) => {
    const why = candidateKappaProblem(c);
    return why ? [{ label: candidateLabel(c.edge, c.op, c.cell), why }] : [];
  });
}

type Measured = RoundView['measured'][number];
type Ref = { edge: number; op: number; cell?: number };
/** The same candidate (in the DARTS space, the same cell too). */
const same = (a: Ref, b: Ref) => a.edge === b.edge && a.op === b.op && a.cell === b.cell;

function pointOf(c: Measured, round: number, pending = false): TradeoffPoint | null {
  if (candidateKappaProblem(c) !== null) return null;
  const x = c.deltaKappa.mean;
  const y = c.deltaRegions.mean;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  const label = candidateLabel(c.edge, c.op, c.cell);
  return {
    key: `${c.cell === undefined ? '' : `${c.cell}-`}${c.edge}-${c.op}`,
    x,
    y,
    label,
    op: c.op,
    pending,
    leaving: false,
    round,
    pruned: false,
    rankSum: null,
  };
}

/**
 * The round's measured candidates (x = Δκ_N, y = ΔR_N), with their ranks once
 * the round is ranked. While it streams in, its candidates not yet measured
 * stand where `previous` (the round before) measured them, pending, and the
 * ones `previous` pruned are listed as leaving (drawn fading out). Leaving
 * and pending points come first, so measured ones are drawn over them.
 */
export function tradeoffPoints(r: RoundView | null, previous: RoundView | null): TradeoffPoint[] {
  if (!r) return [];
  const measured = r.measured.flatMap((c) => {
    const p = pointOf(c, r.round);
    if (!p) return [];
    const ranked = r.end?.ranked.find((k) => same(k, c));
    return [{ ...p, pruned: ranked?.pruned ?? false, rankSum: ranked?.rankSum ?? null }];
  });
  if (!previous || r.measured.length >= r.candidates.length) return measured;
  const before = (k: Ref) => previous.measured.find((c) => same(c, k));
  const leaving = (previous.end?.pruned ?? []).flatMap((k) => {
    const c = before(k);
    const p = c && pointOf(c, previous.round);
    return p ? [{ ...p, leaving: true, pruned: true }] : [];
  });
  const pending = r.candidates.flatMap((k) => {
    if (r.measured.some((c) => same(c, k))) return [];
    const c = before(k);
    const p = c && pointOf(c, previous.round, true);
    return p ? [p] : [];
  });
  return [...leaving, ...pending, ...measured];
}

const SAME_FIELDS = ['x', 'y', 'label', 'op', 'pending', 'leaving', 'round', 'pruned', 'rankSum'] as const;

/**
 * `next` with every point equal to the one of the same key in `previous`
 * replaced by that one: a point that did not change stays the same object,
 * and its drawing is not re-rendered.
 */
export function keepUnchanged(previous: readonly TradeoffPoint[], next: TradeoffPoint[]): TradeoffPoint[] {
  const byKey = new Map(previous.map((p) => [p.key, p]));
  return next.map((p) => {
    const before = byKey.get(p.key);
    return before && SAME_FIELDS.every((f) => before[f] === p[f]) ? before : p;
  });
}
