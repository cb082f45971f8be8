/** The mean and spread of a measure's repeats. */
import { describe, expect, it } from 'vitest';
import { mean, spread } from '../../../src/engine/measures/spread';

describe('mean and spread', () => {
  it('give the mean, population std and range of repeats', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNaN();
    expect(spread([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, std: 2, min: 2, max: 9 });
    expect(spread([0.5])).toEqual({ mean: 0.5, std: 0, min: 0.5, max: 0.5 });
  });
});
