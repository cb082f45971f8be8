/**
 * The trade-off chart's points: a layer drawn inside the recharts chart with
 * its axis scales (useXAxisScale / useYAxisScale), one element per candidate
 * kept from update to update and from round to round, so the browser animates
 * them with CSS transitions: a point moves to its new place, a new one fades
 * in, a pruned one is ringed and then fades out.
 *
 * Not recharts' <Scatter>: a data change there goes through the chart's store
 * and re-mounts every point (recharts 3.11 keys them by pixel position and by
 * animation), a 40–90 ms main-thread task per update during a search on a
 * 2-core machine; here an update re-renders this layer alone, and the chart
 * (axes, grid, reference lines) only when an axis grows.
 */
import { createContext, memo, useContext } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import { fmt, OP_COLORS, rankSumFrom1 } from '../format';
import { useSmallPx } from '../type-size';
import { explainPoint, onExplainKey } from '../pictures/open-explain';
import type { TipAnchor } from './FloatingTip';
import { LABEL_GAP, type LabelSide, placeLabels, textWidth } from './label-placement';
import type { TradeoffPoint } from './tradeoff-points';

export interface Hover extends TipAnchor {
  point: TradeoffPoint;
}

export interface PointsLayer {
  points: readonly TradeoffPoint[];
  /** CSS transition duration. */
  ms: number;
  onHover: (h: Hover | null) => void;
}

/** What the layer draws: given through context, so that a new point re-renders the layer and not the chart. */
export const PointsContext = createContext<PointsLayer | null>(null);

interface DotProps {
  p: TradeoffPoint;
  cx: number;
  cy: number;
  ms: number;
  flip: boolean;
  /** Where its name is written (placeLabels); null: no name, the tip names it. */
  label: LabelSide | null;
  onHover: (h: Hover | null) => void;
}

const CandidateDot = memo(function CandidateDot({ p, cx, cy, ms, flip, label, onHover }: DotProps) {
  const color = OP_COLORS[p.op];
  // A pruned point is ringed first, then fades out.
  const opacity = p.leaving ? `opacity ${ms}ms ease ${ms}ms` : `opacity ${ms}ms ease`;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG point cannot be a <button>; it opens the explain card like one
    <g
      className={p.pruned ? 'dot pruned' : 'dot'}
      role="button"
      tabIndex={0}
      aria-label={`remove ${p.label}: Δκ_N ${fmt(p.x)}, ΔR_N ${fmt(p.y)}${p.rankSum === null ? '' : `, rank sum ${rankSumFrom1(p.rankSum)}`}${p.pruned ? ', pruned' : ''}`}
      style={{
        transform: `translate(${cx}px, ${cy}px)`,
        opacity: p.leaving ? 0 : 1,
        transition: `transform ${ms}ms ease-in-out, ${opacity}`,
        pointerEvents: p.leaving ? 'none' : undefined,
      }}
      onMouseEnter={() => onHover({ point: p, x: cx, y: cy, flip })}
      onMouseLeave={() => onHover(null)}
      onFocus={() => onHover({ point: p, x: cx, y: cy, flip })}
      onBlur={() => onHover(null)}
      onClick={() => explainPoint(p)}
      onKeyDown={(e) => onExplainKey(e, () => explainPoint(p))}
    >
      <g className="fade-in" style={{ ['--fade' as string]: `${ms}ms` }}>
        <circle
          r={10}
          fill="none"
          stroke="#d93025"
          strokeWidth={3}
          style={{ opacity: p.pruned ? 1 : 0, transition: `opacity ${ms}ms ease` }}
        />
        <circle
          r={6}
          fill={color}
          fillOpacity={p.pending ? 0.2 : 0.85}
          stroke={p.pending ? color : 'none'}
          strokeDasharray={p.pending ? '2 2' : undefined}
        />
        {label && (
          <text
            x={label === 'right' ? LABEL_GAP : -LABEL_GAP}
            dy="0.35em"
            textAnchor={label === 'right' ? 'start' : 'end'}
            className={p.pending ? 'point-label pending' : 'point-label'}
          >
            {p.label}
          </text>
        )}
      </g>
    </g>
  );
});

/**
 * A child of the recharts chart: the candidates of PointsContext at their
 * places on the chart's axes, named where a name overlaps nothing (placeLabels).
 */
export function CandidatePoints() {
  const layer = useContext(PointsContext);
  const sx = useXAxisScale();
  const sy = useYAxisScale();
  const area = usePlotArea();
  const font = useSmallPx();
  if (!layer || !sx || !sy || !area) return null;
  const right = area.x + area.width * 0.6;
  const at = layer.points.flatMap((p) => {
    const cx = sx(p.x);
    const cy = sy(p.y);
    return cx === undefined || cy === undefined ? [] : [{ p, cx, cy }];
  });
  const sides = placeLabels(
    at
      .filter(({ p }) => !p.leaving)
      .map(({ p, cx, cy }) => ({ key: p.key, cx, cy, width: textWidth(p.label, font), priority: p.pruned ? 0 : p.pending ? 2 : 1 })),
    font,
    area,
  );
  return (
    <g className="points">
      {at.map(({ p, cx, cy }) => (
        <CandidateDot
          key={p.key}
          p={p}
          cx={cx}
          cy={cy}
          ms={layer.ms}
          flip={cx > right}
          label={sides.get(p.key) ?? null}
          onHover={layer.onHover}
        />
      ))}
    </g>
  );
}
