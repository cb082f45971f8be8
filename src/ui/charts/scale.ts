/** Linear scales and "nice" ticks for the SVG charts (./svg.tsx); pure functions. */

/** A tick step of 1, 2 or 5 × 10^k that cuts [lo, hi] into about `count` intervals (d3's rule). */
export function tickStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / Math.max(1, count);
  const power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  const f = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return f * 10 ** power;
}

/** Ticks at multiples of `step` within [lo, hi], without floating-point dust. */
export function ticksIn(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  for (let i = first; i <= last; i++) out.push(Number((i * step).toPrecision(12)));
  return out;
}

export interface LinearAxis {
  domain: [number, number];
  ticks: number[];
}

/**
 * A "nice" axis over the data: the extent widened to whole tick steps, with
 * about `count` ticks; [-1, 1] when there is no finite value.
 */
export function niceAxis(values: readonly number[], count = 4): LinearAxis {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return { domain: [-1, 1], ticks: [-1, -0.5, 0, 0.5, 1] };
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  let step = tickStep(lo, hi, count);
  for (let i = 0; i < 2; i++) {
    lo = Math.floor(lo / step + 1e-9) * step;
    hi = Math.ceil(hi / step - 1e-9) * step;
    step = tickStep(lo, hi, count);
  }
  const clean = (x: number) => Number(x.toPrecision(12));
  return { domain: [clean(lo), clean(hi)], ticks: ticksIn(lo, hi, step) };
}

/** Maps [d0, d1] linearly onto [r0, r1]. */
export function linear([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (v: number) => number {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}
