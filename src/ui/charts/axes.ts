/**
 * Axes of the live charts: recharts' own "nice" ticks (getNiceTickValues) on
 * linear axes, 1 and 3 × 10^k on logarithmic ones, and domains that only grow
 * while a round streams in (no rescaling at every new point). Pure functions.
 */
import { getNiceTickValues } from 'recharts';

export interface Axis {
  domain: [number, number];
  ticks: number[];
  /** A logarithmic axis (niceLog): it grows by its own steps, never by even ones. */
  log?: boolean;
}

/** The finite extent of `values`, or null when there is no finite value. */
export function extent(values: readonly number[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

const clean = (t: number) => Number(Number(t).toPrecision(12));

const EMPTY_LINEAR: Axis = { domain: [-1, 1], ticks: [-1, -0.5, 0, 0.5, 1] };

/** A linear axis over [lo, hi]: recharts' nice ticks (1, 2, 2.5 or 5 × 10^k steps) that span it, the domain their extent. */
export function niceLinear(lo: number, hi: number, count = 6): Axis {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) return EMPTY_LINEAR;
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const all = getNiceTickValues([lo, hi], count, true, 'snap125').map(clean);
  // recharts pads to `count` ticks, upwards: keep those from the last at or below lo to the first at or above hi.
  let first = 0;
  while (first + 1 < all.length && all[first + 1] <= lo) first++;
  const last = all.findIndex((t) => t >= hi);
  const ticks = all.slice(first, last < 0 ? all.length : last + 1);
  return { domain: [Math.min(ticks[0], lo), Math.max(ticks[ticks.length - 1], hi)], ticks };
}

/** Ticks 1 and 3 × 10^k: readable on a log axis a few decades high. */
function logSteps(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e, 3 * 10 ** e);
  return out.map((t) => Number(t.toPrecision(12)));
}

/** A logarithmic axis over [lo, hi] (both > 0): from the last step at or below lo to the first at or above hi. */
export function niceLog(lo: number, hi: number): Axis {
  if (!(lo > 0) || !(hi >= lo) || !Number.isFinite(hi)) return { domain: [1, 10], ticks: [1, 3, 10], log: true };
  const steps = logSteps(lo, hi);
  const first = steps.filter((t) => t <= lo).pop() ?? steps[0];
  const last = steps.find((t) => t >= hi) ?? steps[steps.length - 1];
  const ticks = steps.filter((t) => t >= first && t <= last);
  return { domain: [first, last], ticks, log: true };
}

export type AxisMaker = (lo: number, hi: number) => Axis;

export interface Grown {
  key: unknown;
  axis: Axis;
  /** The extent of the values seen under this key. */
  seen: [number, number] | null;
}

/** Most ticks an axis grows to by whole steps; beyond, its ticks are chosen afresh. */
const MAX_TICKS = 8;

/**
 * `axis` widened by whole tick steps to cover [lo, hi]: the ticks already
 * drawn stay where they are. Null when that would take more than MAX_TICKS
 * ticks, or the axis has no even steps (a log axis).
 */
function extend(axis: Axis, [lo, hi]: [number, number]): Axis | null {
  const { ticks } = axis;
  if (axis.log || ticks.length < 2) return null;
  const step = ticks[1] - ticks[0];
  const even = ticks.every((t, i) => i === 0 || Math.abs(t - ticks[i - 1] - step) < step * 1e-6);
  if (!even || !(step > 0)) return null;
  const below = Math.max(0, Math.ceil((ticks[0] - lo) / step - 1e-9));
  const above = Math.max(0, Math.ceil((hi - ticks[ticks.length - 1]) / step - 1e-9));
  if (ticks.length + below + above > MAX_TICKS) return null;
  const grown = [
    ...Array.from({ length: below }, (_, i) => clean(ticks[0] - step * (below - i))),
    ...ticks,
    ...Array.from({ length: above }, (_, i) => clean(ticks[ticks.length - 1] + step * (i + 1))),
  ];
  return { domain: [Math.min(grown[0], lo), Math.max(grown[grown.length - 1], hi)], ticks: grown };
}

/**
 * The axis to draw for `values`: within one `key` (one round as it streams
 * in) it only grows, and stays the same object while the values fit; a new
 * key starts from the values alone.
 */
export function growAxis(prev: Grown | null, key: unknown, values: readonly number[], make: AxisMaker): Grown {
  const ext = extent(values);
  // Under the same key the axis grows, once it has shown values: the placeholder axis of no values is not kept.
  if (prev && Object.is(prev.key, key) && prev.seen !== null) {
    if (!ext) return prev;
    const [lo, hi] = prev.axis.domain;
    if (ext[0] >= lo && ext[1] <= hi) return prev;
    const seen: [number, number] = prev.seen ? [Math.min(prev.seen[0], ext[0]), Math.max(prev.seen[1], ext[1])] : ext;
    return { key, seen, axis: extend(prev.axis, seen) ?? make(Math.min(seen[0], lo), Math.max(seen[1], hi)) };
  }
  const axis = ext ? make(ext[0], ext[1]) : make(Number.NaN, Number.NaN);
  // The same axis as before stays the same object: the chart is not redrawn for it.
  return { key, seen: ext, axis: prev && sameAxis(prev.axis, axis) ? prev.axis : axis };
}

function sameAxis(a: Axis, b: Axis): boolean {
  return (
    a.domain[0] === b.domain[0] &&
    a.domain[1] === b.domain[1] &&
    a.ticks.length === b.ticks.length &&
    a.ticks.every((t, i) => t === b.ticks[i])
  );
}

/** Tick label: at most 4 significant digits, exponent form beyond 10^5; 1k, 3k, 10k, 30k on log axes. */
export function tickLabel(v: number, log = false): string {
  if (!Number.isFinite(v)) return String(v);
  if (log && v >= 1000 && v < 1e6) return `${Number((v / 1000).toPrecision(4))}k`;
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}

/**
 * The props every numeric axis of our charts shares: the axis's own domain
 * and ticks, exactly (recharts neither "nices" them nor skips any, and data
 * outside the domain does not widen it). Spread into `<XAxis>` / `<YAxis>`.
 */
export function fixedAxis(a: Axis) {
  return {
    type: 'number',
    domain: a.domain,
    ticks: a.ticks,
    interval: 0,
    niceTicks: 'none',
    allowDataOverflow: true,
    scale: a.log ? 'log' : 'linear',
  } as const;
}
