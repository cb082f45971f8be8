import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventBuffer } from '../../../src/store/run/event-buffer';

describe('EventBuffer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('batches items at most every interval', () => {
    const batches: number[][] = [];
    const b = new EventBuffer<number>((x) => batches.push(x), 150);
    b.push(1);
    b.push(2);
    vi.advanceTimersByTime(150);
    expect(batches).toEqual([[1, 2]]);
    b.push(3);
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(1);
    vi.advanceTimersByTime(60);
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('holds the items behind a hold item for its time', () => {
    const batches: number[][] = [];
    const b = new EventBuffer<number>(
      (x) => batches.push(x),
      10,
      (x) => (x === 2 ? 1000 : 0),
    );
    for (const x of [1, 2, 3, 4]) b.push(x);
    vi.advanceTimersByTime(10);
    expect(batches).toEqual([[1, 2]]);
    expect(b.holding).toBe(true);
    b.push(5);
    vi.advanceTimersByTime(990);
    expect(batches).toEqual([[1, 2]]);
    vi.advanceTimersByTime(20);
    expect(batches).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    expect(b.holding).toBe(false);
  });

  it('holds until release for an infinite hold, and while keepHolding says so', () => {
    const batches: number[][] = [];
    let paused = false;
    const b = new EventBuffer<number>(
      (x) => batches.push(x),
      10,
      (x) => (x === 1 ? Number.POSITIVE_INFINITY : x === 3 ? 50 : 0),
      () => paused,
    );
    b.push(1);
    b.push(2);
    vi.advanceTimersByTime(10_000);
    expect(batches).toEqual([[1]]);
    b.release();
    vi.advanceTimersByTime(20);
    expect(batches).toEqual([[1], [2]]);
    b.push(3);
    b.push(4);
    vi.advanceTimersByTime(20);
    paused = true;
    vi.advanceTimersByTime(10_000);
    expect(batches).toEqual([[1], [2], [3]]);
    b.release();
    vi.advanceTimersByTime(20);
    expect(batches).toEqual([[1], [2], [3], [4]]);
  });

  it('flush applies everything at once, holds or not', () => {
    const batches: number[][] = [];
    const b = new EventBuffer<number>(
      (x) => batches.push(x),
      10,
      (x) => (x === 1 ? Number.POSITIVE_INFINITY : 0),
    );
    for (const x of [1, 2, 3]) b.push(x);
    vi.advanceTimersByTime(20);
    b.flush();
    expect(batches).toEqual([[1], [2, 3]]);
    expect(b.holding).toBe(false);
  });
});
