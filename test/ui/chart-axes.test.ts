// The live charts' axes (src/ui/charts/axes.ts): recharts' nice ticks, log axes, domains that only grow within a round.
import { describe, expect, it } from 'vitest';
import { extent, type Grown, growAxis, niceLinear, niceLog, tickLabel } from '../../src/ui/charts/axes';
import { countAxis } from '../../src/ui/result/Histogram';

// Δκ and ΔR of a recorded quick-demo round (seed 1), as the trade-off chart plots them.
const dk = [0.225, 0.212, 0.611, 0.353, -0.174, 0.131, 0.152, 0.537, -0.221, -0.273, -0.011, -0.306];
const dr = [0, 0.023, 0.195, 0.076, -0.185, 0.033, 0.057, 0.278, 0.042, 0.033, 0.211, 0.119];

describe('niceLinear', () => {
  it('covers the data with evenly spaced 1-2-2.5-5 ticks that start and end the domain', () => {
    for (const values of [dk, dr, [2.7, 3.9, 31.4], [57.1, 60.3, 66.2, 90.0], [1e5, 3.2e5], [512, 2600]]) {
      const [lo, hi] = extent(values) ?? [NaN, NaN];
      const { domain, ticks } = niceLinear(lo, hi);
      expect(domain[0]).toBeLessThanOrEqual(lo);
      expect(domain[1]).toBeGreaterThanOrEqual(hi);
      expect(ticks[0]).toBeCloseTo(domain[0], 12);
      expect(ticks[ticks.length - 1]).toBeCloseTo(domain[1], 12);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks.length).toBeLessThanOrEqual(8);
      const steps = ticks.slice(1).map((t, i) => t - ticks[i]);
      for (const s of steps) expect(s).toBeCloseTo(steps[0], 9);
      const mantissa = steps[0] / 10 ** Math.floor(Math.log10(steps[0]) + 1e-12);
      expect([1, 2, 2.5, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
      // No floating-point dust in the labels.
      for (const t of ticks) expect(tickLabel(t).length).toBeLessThanOrEqual(7);
    }
  });

  it('gives an axis for a single value and for no value', () => {
    expect(niceLinear(NaN, NaN).domain).toEqual([-1, 1]);
    const one = niceLinear(0.4, 0.4);
    expect(one.domain[0]).toBeLessThan(0.4);
    expect(one.domain[1]).toBeGreaterThan(0.4);
    const zero = niceLinear(0, 0);
    expect(zero.domain[0]).toBeLessThan(0);
    expect(zero.domain[1]).toBeGreaterThan(0);
  });
});

describe('niceLog', () => {
  it('spans κ_N from 10² to 3·10⁴ with 1 and 3 × 10^k ticks', () => {
    const { domain, ticks } = niceLog(137, 26_500);
    expect(domain).toEqual([100, 30_000]);
    expect(ticks).toEqual([100, 300, 1000, 3000, 10_000, 30_000]);
    expect(ticks.map((t) => tickLabel(t, true))).toEqual(['100', '300', '1k', '3k', '10k', '30k']);
    expect(niceLog(350, 2900).domain).toEqual([300, 3000]);
  });

  it('falls back to a fixed axis without positive values', () => {
    expect(niceLog(NaN, NaN).domain).toEqual([1, 10]);
    expect(niceLog(-5, 10).domain).toEqual([1, 10]);
  });
});

describe('growAxis', () => {
  it('grows a log axis by its own 1-3 steps, never below 0 (κ_N of a round, then a lower one)', () => {
    const run = {};
    const first = growAxis(null, run, [137, 280], niceLog);
    expect(first.axis.ticks).toEqual([100, 300]);
    const grown = growAxis(first, run, [41, 137, 280, 26_500], niceLog).axis;
    expect(grown.domain).toEqual([30, 30_000]);
    expect(grown.ticks).toEqual([30, 100, 300, 1000, 3000, 10_000, 30_000]);
  });

  it('keeps the same axis while the points fit, only grows within a key, starts afresh with a new key', () => {
    const round = {};
    let g: Grown = growAxis(null, round, dk.slice(0, 3), niceLinear);
    const first = g.axis;
    expect(first.domain[0]).toBeLessThanOrEqual(0.212);
    expect(first.domain[1]).toBeGreaterThanOrEqual(0.611);
    const domains = [first.domain];
    for (let n = 4; n <= dk.length; n++) {
      const next = growAxis(g, round, dk.slice(0, n), niceLinear);
      if (next.axis !== g.axis) {
        expect(next.axis.domain[0]).toBeLessThanOrEqual(g.axis.domain[0]);
        expect(next.axis.domain[1]).toBeGreaterThanOrEqual(g.axis.domain[1]);
      }
      g = next;
      domains.push(g.axis.domain);
    }
    // Fewer axis changes than points: the axis does not jump at every point.
    expect(new Set(domains).size).toBeLessThan(dk.length - 3);
    expect(g.axis.domain[0]).toBeLessThanOrEqual(Math.min(...dk));
    // Points leaving the round (the domain would shrink) keep the axis as it is.
    expect(growAxis(g, round, [0.1, 0.2], niceLinear)).toBe(g);
    // A new round: the axis of its own points.
    const fresh = growAxis(g, {}, [0.1, 0.2], niceLinear).axis;
    expect(fresh.domain[1] - fresh.domain[0]).toBeLessThan(g.axis.domain[1] - g.axis.domain[0]);
    expect(growAxis(null, round, [], niceLinear).axis.domain).toEqual([-1, 1]);
    // Three axes over the twelve points; the last grew from the one before by a whole step, keeping its ticks.
    const distinct = [...new Set(domains)];
    expect(distinct).toEqual([
      [0.2, 0.7],
      [-0.2, 0.8],
      [-0.4, 0.8],
    ]);
    expect(g.axis.ticks).toEqual([-0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8]);
    // The first values under a key whose axis had none take an axis of their own (not grown from the empty [-1, 1]).
    const empty = growAxis(null, round, [], niceLinear);
    expect(growAxis(empty, round, [40, 80], niceLinear).axis.domain).toEqual([40, 80]);
    // A new key whose axis comes out the same keeps the same object (the chart is not redrawn).
    const once = growAxis(null, {}, dk, niceLinear);
    expect(growAxis(once, {}, dk, niceLinear).axis).toBe(once.axis);
  });
});

describe('countAxis', () => {
  it("starts the histogram's count axis at 0 with even, nice steps up to the tallest bin or above", () => {
    for (const top of [3172, 850, 40, 1]) {
      const { domain, ticks } = countAxis(top);
      expect(ticks[0]).toBe(0);
      expect(domain).toEqual([0, Math.max(ticks[ticks.length - 1], top)]);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(top);
      expect(ticks.length).toBeLessThanOrEqual(7);
      const step = ticks[1] - ticks[0];
      for (let i = 1; i < ticks.length; i++) expect(ticks[i] - ticks[i - 1]).toBeCloseTo(step, 9);
    }
    expect(countAxis(3172).ticks).toEqual([0, 1000, 2000, 3000, 4000]);
  });
});
