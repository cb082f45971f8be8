// The result card's integer format (src/ui/format.ts).
import { describe, expect, it } from 'vitest';
import { fmtCount } from '../../src/ui/format';

describe('fmtCount', () => {
  it('writes integers as toLocaleString("en") does', () => {
    for (const n of [0, 7, 999, 1000, 4570, 15625, 123456, 1234567, -2788]) expect(fmtCount(n)).toBe(n.toLocaleString('en'));
  });
});
