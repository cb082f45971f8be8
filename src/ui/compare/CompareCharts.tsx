import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { JointPoint } from '../../store/steer/run-diff';
import { fmt } from '../format';
import { useWidth } from '../charts/use-width';

const COLORS = { A: '#1967d2', B: '#c5221f' } as const;
const HEIGHT = 190;

/** Decimals that tell a few ticks apart over the values' span (0 for a span of tens and more; a DARTS R_N spans less than 1). */
function tickDigits(data: readonly JointPoint[], metric: 'kappa' | 'regions'): number {
  const v = data.flatMap((p) => [p[`${metric}A`], p[`${metric}B`]]).filter((x): x is number => x !== undefined && Number.isFinite(x));
  const span = v.length > 1 ? Math.max(...v) - Math.min(...v) : 0;
  return span > 0 ? Math.min(4, Math.max(0, Math.ceil(-Math.log10(span / 4)))) : 0;
}

/** One metric of both runs per round, overlaid (A solid, B dashed). */
function Overlay({
  data,
  metric,
  title,
  log,
  testId,
}: {
  data: JointPoint[];
  metric: 'kappa' | 'regions';
  title: string;
  log?: boolean;
  testId: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const digits = tickDigits(data, metric);
  return (
    <figure className="compare-chart" data-testid={testId} ref={ref}>
      <figcaption>{title}</figcaption>
      {width > 0 && (
        <LineChart width={width} height={HEIGHT} data={data} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="round" tickFormatter={(v) => `R${v}`} />
          <YAxis
            scale={log ? 'log' : 'linear'}
            domain={['auto', 'auto']}
            tickFormatter={(v) => fmt(v, digits)}
            width={60}
            allowDataOverflow
          />
          <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(v) => `round ${v}`} />
          <Legend />
          <Line
            type="linear"
            dataKey={`${metric}A`}
            name="A"
            stroke={COLORS.A}
            strokeWidth={2}
            dot
            isAnimationActive={false}
            connectNulls
          />
          <Line
            type="linear"
            dataKey={`${metric}B`}
            name="B"
            stroke={COLORS.B}
            strokeWidth={2}
            strokeDasharray="6 4"
            dot
            isAnimationActive={false}
            connectNulls
          />
        </LineChart>
      )}
    </figure>
  );
}

/** κ_N and R_N of the supernet per round for both runs. */
export function CompareCharts({ data }: { data: JointPoint[] }) {
  return (
    <div className="compare-charts">
      <Overlay
        data={data}
        metric="kappa"
        title="κ_N of the supernet (mean over the round's candidates; log scale)"
        log
        testId="compare-kappa"
      />
      <Overlay data={data} metric="regions" title="R_N of the supernet (mean over the round's candidates)" testId="compare-regions" />
    </div>
  );
}
