import { useMemo, useRef } from 'react';
import { type Axis, type AxisMaker, type Grown, growAxis } from './axes';

/**
 * The axis for `values` (memoised by the caller): the same object while the
 * values fit, growing within one `key` (a round as it streams in), afresh
 * for a new key (see growAxis).
 */
export function useGrowingAxis(key: unknown, values: readonly number[], make: AxisMaker): Axis {
  const grown = useRef<Grown | null>(null);
  return useMemo(() => {
    const next = growAxis(grown.current, key, values, make);
    grown.current = next;
    return next.axis;
  }, [key, values, make]);
}
