// The SVG charts' axes (src/ui/charts/scale.ts) and the result card's integer format.
import { describe, expect, it } from 'vitest';
import { linear, niceAxis, tickStep, ticksIn } from '../../src/ui/charts/scale';
import { fmtCount } from '../../src/ui/format';

describe('tickStep', () => {
  it('is 1, 2 or 5 times a power of ten, about (hi − lo) / count', () => {
    for (const [lo, hi, count] of [
      [0, 1, 4],
      [-0.35, 1.05, 4],
      [0, 3200, 5],
      [2.7, 31.4, 4],
      [1e-4, 3e-4, 4],
      [-5e6, 7e6, 5],
    ]) {
      const step = tickStep(lo, hi, count);
      const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-12);
      expect([1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
      const intervals = (hi - lo) / step;
      expect(intervals).toBeGreaterThan(count / 3);
      expect(intervals).toBeLessThan(count * 3);
    }
  });
});

describe('ticksIn', () => {
  it('lists the multiples of the step inside the range, without floating-point dust', () => {
    expect(ticksIn(-0.3, 0.3, 0.1)).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
    expect(ticksIn(0, 3172, 500)).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000]);
    expect(ticksIn(0.05, 0.25, 0.1)).toEqual([0.1, 0.2]);
  });
});

describe('niceAxis', () => {
  // Δκ and ΔR of a recorded quick-demo round (seed 1), as the trade-off chart plots them.
  const dk = [0.225, 0.212, 0.611, 0.353, -0.174, 0.131, 0.152, 0.537, -0.221, -0.273, -0.011, -0.306];
  const dr = [0, 0.023, 0.195, 0.076, -0.185, 0.033, 0.057, 0.278, 0.042, 0.033, 0.211, 0.119];

  it('covers the data with a domain that starts and ends on a tick', () => {
    for (const values of [dk, dr, [2.7, 3.9, 31.4], [57.1, 60.3, 66.2, 90.0], [1e5, 3.2e5]]) {
      const { domain, ticks } = niceAxis(values);
      expect(domain[0]).toBeLessThanOrEqual(Math.min(...values));
      expect(domain[1]).toBeGreaterThanOrEqual(Math.max(...values));
      expect(ticks[0]).toBeCloseTo(domain[0], 12);
      expect(ticks[ticks.length - 1]).toBeCloseTo(domain[1], 12);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks.length).toBeLessThanOrEqual(12);
      const steps = ticks.slice(1).map((t, i) => t - ticks[i]);
      for (const s of steps) expect(s).toBeCloseTo(steps[0], 9);
    }
  });

  it('ignores non-finite values; all-missing and single values still give an axis', () => {
    expect(niceAxis([NaN, Infinity]).domain).toEqual([-1, 1]);
    expect(niceAxis([]).domain).toEqual([-1, 1]);
    const one = niceAxis([0.4, NaN]);
    expect(one.domain[0]).toBeLessThan(0.4);
    expect(one.domain[1]).toBeGreaterThan(0.4);
    const zero = niceAxis([0]);
    expect(zero.domain[0]).toBeLessThan(0);
    expect(zero.domain[1]).toBeGreaterThan(0);
  });
});

describe('linear', () => {
  it('maps the domain onto the range, inverted ranges included', () => {
    const y = linear([-0.4, 0.8], [242, 16]);
    expect(y(-0.4)).toBe(242);
    expect(y(0.8)).toBeCloseTo(16, 9);
    expect(y(0.2)).toBeCloseTo(129, 9);
    expect(linear([3, 3], [0, 100])(3)).toBe(0);
  });
});

describe('fmtCount', () => {
  it('writes integers as toLocaleString("en") does', () => {
    for (const n of [0, 7, 999, 1000, 4570, 15625, 123456, 1234567, -2788]) expect(fmtCount(n)).toBe(n.toLocaleString('en'));
  });
});
