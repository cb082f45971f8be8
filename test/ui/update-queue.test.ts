// The live charts' redraw queue (src/ui/charts/update-queue.ts): one redraw at a time, 200 ms apart.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cancelRedraw, requestRedraw } from '../../src/ui/charts/update-queue';

describe('requestRedraw', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the charts one at a time, at least 200 ms apart, each once however often it asked', () => {
    const ran: [string, number][] = [];
    const a = {};
    const b = {};
    const c = {};
    requestRedraw(a, () => ran.push(['a', performance.now()]));
    requestRedraw(b, () => ran.push(['b', performance.now()]));
    requestRedraw(a, () => ran.push(['a2', performance.now()]));
    requestRedraw(c, () => ran.push(['c', performance.now()]));
    cancelRedraw(c);
    vi.advanceTimersByTime(1000);
    expect(ran.map((r) => r[0])).toEqual(['a2', 'b']);
    expect(ran[1][1] - ran[0][1]).toBeGreaterThanOrEqual(200);
    // Asked again later: waits for the gap after the last redraw.
    requestRedraw(c, () => ran.push(['c', performance.now()]));
    vi.advanceTimersByTime(1000);
    expect(ran.map((r) => r[0])).toEqual(['a2', 'b', 'c']);
    expect(ran[2][1] - ran[1][1]).toBeGreaterThanOrEqual(200);
  });
});
