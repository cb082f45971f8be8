import type { ReactNode } from 'react';

/** Where a chart's hover tip goes: a point in the chart's pixels, and whether it is near the right edge. */
export interface TipAnchor {
  x: number;
  y: number;
  /** Near the right edge: the tip goes to the left of the point. */
  flip: boolean;
}

/** A hover tip over a chart (its box has position: relative), beside the anchor. */
export function FloatingTip({ at, children }: { at: TipAnchor; children: ReactNode }) {
  const style = at.flip ? { left: at.x - 12, top: at.y + 12, transform: 'translateX(-100%)' } : { left: at.x + 12, top: at.y + 12 };
  return (
    <div className="chart-tip floating" style={style}>
      {children}
    </div>
  );
}
