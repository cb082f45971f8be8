import { describe, expect, it } from 'vitest';
import { type LabelInput, placeLabels } from '../../src/ui/charts/label-placement';

const area = { x: 0, y: 0, width: 400, height: 300 };

describe('placeLabels', () => {
  it('writes names to the right, to the left near the right edge, and never two on top of each other', () => {
    const points: LabelInput[] = [
      { key: 'a', cx: 50, cy: 50, width: 60, priority: 1 },
      { key: 'b', cx: 380, cy: 50, width: 60, priority: 1 },
      // Right next to a: its name would cover a's; it is drawn without one.
      { key: 'c', cx: 52, cy: 52, width: 60, priority: 1 },
    ];
    const sides = placeLabels(points, 12, area);
    expect(sides.get('a')).toBe('right');
    expect(sides.get('b')).toBe('left');
    expect(sides.has('c')).toBe(false);
  });

  it('places pruned points first', () => {
    const points: LabelInput[] = [
      { key: 'kept', cx: 100, cy: 100, width: 80, priority: 1 },
      { key: 'pruned', cx: 101, cy: 101, width: 80, priority: 0 },
    ];
    const sides = placeLabels(points, 12, area);
    // The pruned point's name takes the right side; the other one's goes left, clear of it.
    expect(sides.get('pruned')).toBe('right');
    expect(sides.get('kept')).toBe('left');
  });

  it('keeps names inside the plot and off other points', () => {
    const points: LabelInput[] = [
      { key: 'edge', cx: 200, cy: 2, width: 40, priority: 1 },
      { key: 'p', cx: 100, cy: 150, width: 80, priority: 1 },
      { key: 'q', cx: 140, cy: 150, width: 80, priority: 2 },
    ];
    const sides = placeLabels(points, 12, area);
    expect(sides.has('edge')).toBe(false);
    // p's right side would cover q's dot: its name goes left.
    expect(sides.get('p')).toBe('left');
    expect(sides.get('q')).toBe('right');
  });
});
