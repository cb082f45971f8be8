import { memo, useMemo } from 'react';
import { CartesianGrid, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { RoundView } from '../../store/rounds';
import { OP_COLORS, OP_SHORT, candidateLabel, fmt } from '../format';
import { candidateKappaProblem } from '../../store/numeric';
import { useStore } from '../../store/store';
import { useAnimationMs, useThrottled } from '../hooks';

interface Point {
  x: number;
  y: number;
  label: string;
  op: number;
  pruned: boolean;
  rankSum: number | null;
}

/** Candidates not plotted because their κ is undefined (see store/numeric.ts). */
function undefinedKappa(r: RoundView | null): { label: string; why: string }[] {
  if (!r) return [];
  return r.measured.flatMap((c) => {
    const why = candidateKappaProblem(c);
    return why ? [{ label: candidateLabel(c.edge, c.op), why }] : [];
  });
}

function points(r: RoundView | null): Point[] {
  if (!r) return [];
  return r.measured
    .filter((c) => candidateKappaProblem(c) === null)
    .map((c) => {
      const ranked = r.end?.ranked.find((k) => k.edge === c.edge && k.op === c.op);
      return { x: c.deltaKappa.mean, y: c.deltaRegions.mean, label: candidateLabel(c.edge, c.op), op: c.op, pruned: ranked?.pruned ?? false, rankSum: ranked?.rankSum ?? null };
    })
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
}

interface DotProps {
  cx?: number;
  cy?: number;
  payload?: Point;
}

function Dot({ cx = 0, cy = 0, payload }: DotProps) {
  if (!payload) return null;
  const color = OP_COLORS[payload.op];
  return (
    <g className={payload.pruned ? 'dot pruned' : 'dot'}>
      {payload.pruned && <circle cx={cx} cy={cy} r={10} fill="none" stroke="#d93025" strokeWidth={3} />}
      <circle cx={cx} cy={cy} r={6} fill={color} fillOpacity={0.85} />
      <text x={cx + 12} y={cy + 4} className="point-label">
        {payload.label}
      </text>
    </g>
  );
}

function TipContent({ active, payload }: { active?: boolean; payload?: readonly { payload?: Point }[] }) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  return (
    <div className="chart-tip">
      <strong>remove {p.label}</strong>
      <div>Δκ_N {fmt(p.x)}</div>
      <div>ΔR_N {fmt(p.y)}</div>
      {p.rankSum !== null && <div>rank sum {p.rankSum}{p.pruned ? ' — pruned' : ''}</div>}
    </div>
  );
}

/** Every measured candidate of one round: x = Δκ_N, y = ΔR_N; pruned ones ringed in red. */
export const TradeoffChart = memo(function TradeoffChart({ round }: { round: RoundView | null }) {
  const ms = useAnimationMs();
  const streaming = useStore((s) => s.run.status === 'running');
  // While a search streams in, redraw at most every 0.8 s (in a task of its own); at once on a new round or when stopped.
  const shown = useThrottled(round, 800, `${streaming ? 'streaming' : 'stopped'} ${round?.round ?? -1} ${round?.end ? 'ranked' : ''}`);
  const data = useMemo(() => points(shown), [shown]);
  const degenerate = useMemo(() => undefinedKappa(shown), [shown]);
  return (
    <div className="chart tradeoff" data-testid="tradeoff-chart" data-points={data.length}>
      <ResponsiveContainer width="100%" height={300}>
        <ScatterChart margin={{ top: 16, right: 24, bottom: 28, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="x" name="Δκ_N" tickFormatter={(v: number) => fmt(v, 2)} domain={data.length ? ['auto', 'auto'] : [-1, 1]} label={{ value: 'Δκ_N  (→ removing it lowers κ: prune)', position: 'insideBottom', offset: -16 }} />
          <YAxis type="number" dataKey="y" name="ΔR_N" tickFormatter={(v: number) => fmt(v, 2)} domain={data.length ? ['auto', 'auto'] : [-1, 1]} label={{ value: 'ΔR_N (↓ prune)', angle: -90, position: 'insideLeft' }} />
          <ReferenceLine x={0} stroke="#888" />
          <ReferenceLine y={0} stroke="#888" />
          <Tooltip content={TipContent} />
          <Scatter name="candidates" data={data} shape={Dot} isAnimationActive={ms > 0} animationDuration={ms} />
        </ScatterChart>
      </ResponsiveContainer>
      {degenerate.length > 0 && (
        <p className="degenerate-note" data-testid="degenerate-note" data-count={degenerate.length}>
          Not plotted, κ undefined (ranked with the official code's mapped values): {degenerate.map((d) => `${d.label} — ${d.why}`).join('; ')}
        </p>
      )}
      <div className="legend">
        {[1, 2, 3, 4].map((op) => (
          <span key={op}>
            <i style={{ background: OP_COLORS[op] }} /> {OP_SHORT[op]}
          </span>
        ))}
        <span>
          <i className="ring" /> pruned this round
        </span>
      </div>
    </div>
  );
});
