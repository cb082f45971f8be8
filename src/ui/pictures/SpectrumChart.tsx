/**
 * The NTK's eigenvalues of the supernet and of the candidate (op removed) on
 * one log axis, a row each: every eigenvalue a tick, λmin and λmax marked,
 * and a bracket between them labelled with their ratio κ_N — on a log axis
 * its length is log κ_N, so "removing this op shrinks the spread" is seen.
 *
 * recharts draws the frame (axes, grid), re-rendered only when the axis
 * changes; the eigenvalues are a layer inside it that reads the axis scales
 * (as the trade-off chart's points do), re-rendered alone when they change.
 */
import { createContext, memo, useContext } from 'react';
import { CartesianGrid, ResponsiveContainer, ScatterChart, XAxis, YAxis, useXAxisScale, useYAxisScale } from 'recharts';
import { fmt } from '../format';
import { powerLabel, type SpectrumGeometry } from './spectrum-axis';

const HEIGHT = 190;
const MARGIN = { top: 26, right: 34, bottom: 30, left: 8 };
const COLOURS = ['#1967d2', '#d93025'];
const TICK_STYLE = { fontSize: 'var(--small)', fill: '#555' } as const;

interface TickProps {
  x?: number;
  y?: number;
  payload?: { value?: number };
}

function PowerTick({ x, y, payload }: TickProps) {
  return (
    <text x={x} y={y} dy="0.71em" textAnchor="middle" style={TICK_STYLE}>
      {powerLabel(payload?.value ?? 1)}
    </text>
  );
}

function RowTick({ x, y, payload, names }: TickProps & { names: string[] }) {
  const i = Math.round(payload?.value ?? 0) - 1;
  return (
    <text x={x} y={y} dy="0.32em" textAnchor="end" style={TICK_STYLE}>
      {names[names.length - 1 - i] ?? ''}
    </text>
  );
}

const Layer = createContext<SpectrumGeometry | null>(null);

/** One short vertical stroke per eigenvalue, as one path. */
function ticks(values: readonly number[], sx: (v: number) => number | undefined, y: number): string {
  return values
    .map((v) => sx(v))
    .filter((x): x is number => x !== undefined)
    .map((x) => `M${x},${y - 7}v14`)
    .join('');
}

/** Row i (0 = top) sits at y = rows − i. */
function Eigenvalues() {
  const g = useContext(Layer);
  const sx = useXAxisScale();
  const sy = useYAxisScale();
  if (!g || !sx || !sy) return null;
  const n = g.rows.length;
  return (
    <g className="eigenvalues">
      {g.rows.map((r, i) => {
        const y = sy(n - i);
        const x0 = sx(r.min);
        const x1 = sx(r.max);
        if (y === undefined) return null;
        const colour = COLOURS[i % COLOURS.length];
        const bracket = r.min > 0 && x0 !== undefined && x1 !== undefined;
        return (
          <g key={r.name}>
            <path d={ticks(r.values, sx, y)} stroke={colour} strokeOpacity={0.55} fill="none" />
            {bracket && (
              <>
                <circle cx={x0} cy={y} r={5} fill="#fff" stroke={colour} strokeWidth={2} />
                <circle cx={x1} cy={y} r={5} fill={colour} />
                <path d={`M${x0},${y - 11} v-5 H${x1} v5`} fill="none" stroke={colour} strokeWidth={1.5} />
                <text
                  x={(x0 + x1) / 2}
                  y={y - 20}
                  textAnchor="middle"
                  className="kappa-label"
                  style={{ fontSize: 'var(--small)', fill: colour }}
                >
                  κ_N = λmax/λmin = {fmt(r.kappa)}
                </text>
              </>
            )}
          </g>
        );
      })}
    </g>
  );
}

/** The chart without its marks; props are plain values, so that it re-renders only when the axis or the rows change. */
const Frame = memo(function Frame({ lo, hi, rows }: { lo: number; hi: number; rows: string }) {
  const names = rows.split('|');
  const domain: [number, number] = [10 ** lo, 10 ** hi];
  const ticks = Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <ScatterChart margin={MARGIN}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis
          type="number"
          dataKey="x"
          niceTicks="none"
          scale="log"
          domain={domain}
          ticks={ticks}
          interval={0}
          allowDataOverflow
          tick={<PowerTick />}
          label={{ value: 'eigenvalue λ of the NTK (log scale)', position: 'insideBottom', offset: -20 }}
        />
        <YAxis
          type="number"
          dataKey="y"
          niceTicks="none"
          interval={0}
          allowDataOverflow
          domain={[0.4, names.length + 0.6]}
          ticks={names.map((_, i) => i + 1)}
          tick={<RowTick names={names} />}
          width={108}
        />
        <Eigenvalues />
      </ScatterChart>
    </ResponsiveContainer>
  );
});

/** The eigenvalue rows of `g` (null: the frame only, so that it is mounted before a search streams in). */
export function SpectrumChart({ g }: { g: SpectrumGeometry | null }) {
  const rows = g ? g.rows.map((r) => r.name).join('|') : 'supernet|op removed';
  return (
    <div className="chart spectrum" style={{ height: HEIGHT }} data-testid="spectrum-chart">
      <Layer.Provider value={g}>
        <Frame lo={g?.lo ?? -3} hi={g?.hi ?? 3} rows={rows} />
      </Layer.Provider>
    </div>
  );
}
