/** Counting distinct activation patterns. */
import { describe, expect, it } from 'vitest';
import { PatternCounter } from '../../../src/engine/measures/regions';

describe('PatternCounter', () => {
  it('counts distinct rows across batches', () => {
    const c = new PatternCounter(3);
    c.add([1, 0, 1, 1, 0, 1, 0, 0, 0], 3);
    c.add([0, 0, 0, 1, 1, 1], 2);
    expect(c.distinct).toBe(3);
    expect(c.count).toBe(5);
  });

  it('distinguishes patterns that differ in one bit beyond the first 32-bit word', () => {
    const d = 117;
    const a = new Array(d).fill(0);
    const b = a.slice();
    b[100] = 1;
    const c = new PatternCounter(d);
    c.add([...a, ...b, ...a], 3);
    expect(c.distinct).toBe(2);
  });

  it('agrees with a naive pairwise count on random patterns', () => {
    const n = 400;
    const d = 40;
    const bits: number[] = [];
    let s = 1;
    for (let i = 0; i < n * d; i++) {
      s = (s * 16807) % 2147483647;
      bits.push(i % d < 30 ? 0 : s % 2); // only 10 free bits: many repeats
    }
    const c = new PatternCounter(d);
    c.add(bits, n);
    const rows = new Set<string>();
    for (let i = 0; i < n; i++) rows.add(bits.slice(i * d, (i + 1) * d).join(''));
    expect(c.distinct).toBe(rows.size);
    expect(c.distinct).toBeLessThan(n);
  });

  it('rejects a batch of the wrong length', () => {
    expect(() => new PatternCounter(4).add([1, 0, 1], 1)).toThrow(/expected 4 bits/);
  });
});
