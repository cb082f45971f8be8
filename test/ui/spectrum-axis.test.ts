// The eigenvalue plot's axis: powers of ten around the positive eigenvalues; κ_N as λmax/λmin.
import { describe, expect, it } from 'vitest';
import { powerLabel, spectrumGeometry } from '../../src/ui/pictures/spectrum-axis';

describe('spectrumGeometry', () => {
  it('spans whole powers of ten and keeps κ_N = λmax/λmin per row', () => {
    const g = spectrumGeometry([
      { name: 'a', eigenvalues: [0.5, 2, 30] },
      { name: 'b', eigenvalues: [-1e-9, 4, 8] },
    ]);
    expect([g.lo, g.hi]).toEqual([-1, 2]);
    expect(g.rows[0]).toMatchObject({ min: 0.5, max: 30, kappa: 60, nonPositive: 0, values: [0.5, 2, 30] });
    expect(g.rows[1].nonPositive).toBe(1);
    expect(g.rows[1].values).toEqual([4, 8]);
  });

  it('labels ticks', () => {
    expect([1e-3, 0.01, 1, 100, 1e4].map(powerLabel)).toEqual(['1e-3', '0.01', '1', '100', '1e4']);
  });
});
