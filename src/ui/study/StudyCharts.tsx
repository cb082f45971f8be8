import { memo, useMemo, useRef, useState } from 'react';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { DATASETS, type Nb201Dataset } from '../../engine/data/nb201';
import { rankSum } from '../../engine/study/stats';
import type { StudyRowView } from '../../store/study/explore-state';
import { fmt } from '../format';
import { exportChartPng } from './png';

export const DATASET_NAMES: Record<Nb201Dataset, string> = { cifar10: 'CIFAR-10', cifar100: 'CIFAR-100', imagenet16: 'ImageNet16-120' };
export const DATASET_COLORS: Record<Nb201Dataset, string> = { cifar10: '#1a73e8', cifar100: '#e8710a', imagenet16: '#188038' };

/** Points drawn per dataset at most (a deterministic stride sample beyond that). */
const MAX_POINTS = 2500;

interface Point {
  x: number;
  y: number;
  dataset: Nb201Dataset;
  row: StudyRowView;
  rankSum: number;
}

type Kind = 'kappa' | 'regions' | 'rankSum';

const CHARTS: { kind: Kind; title: string; axis: string; fig: string }[] = [
  { kind: 'kappa', title: 'κ_N vs accuracy', axis: 'κ_N (log scale; lower is better)', fig: 'paper Fig. 1' },
  { kind: 'regions', title: 'R_N vs accuracy', axis: 'R_N (higher is better)', fig: 'paper Fig. 3' },
  { kind: 'rankSum', title: 'rank(κ_N) + rank(R_N) vs accuracy', axis: 'rank sum (lower is better)', fig: 'paper Fig. 9' },
];

function TipContent({ active, payload }: { active?: boolean; payload?: readonly { payload?: Point }[] }) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  const r = p.row;
  return (
    <div className="chart-tip" data-testid="study-tip">
      <code>{r.arch}</code>
      <div>
        NAS-Bench-201 index {r.index} (code {r.code})
      </div>
      <div>
        κ_N {fmt(r.kappa ?? NaN)} · R_N {fmt(r.regions ?? NaN)} · rank sum {p.rankSum}
      </div>
      <div>test % — {DATASETS.map((d, i) => `${DATASET_NAMES[d]} ${r.acc[i].toFixed(2)}`).join(' · ')}</div>
    </div>
  );
}

function powersOfTen(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

const OneChart = memo(function OneChart({
  kind,
  title,
  axis,
  fig,
  series,
  shown,
}: (typeof CHARTS)[number] & { series: Record<Nb201Dataset, Point[]>; shown: Nb201Dataset[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const all = shown.flatMap((d) => series[d]);
  let xDomain: [number, number] | ['auto', 'auto'] = ['auto', 'auto'];
  let ticks: number[] | undefined;
  if (kind === 'kappa' && all.length > 0) {
    const xs = all.map((p) => p.x);
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    ticks = powersOfTen(lo, hi);
    xDomain = [ticks[0], ticks[ticks.length - 1]];
  }
  const count = all.length;
  return (
    <figure className="chart study-chart" data-testid={`study-chart-${kind}`} data-points={count}>
      <figcaption className="panel-head">
        <span>
          <strong>{title}</strong> <span className="hint">({fig})</span>
        </span>
        <button
          type="button"
          disabled={count === 0}
          data-testid={`png-${kind}`}
          onClick={() =>
            exportChartPng(ref.current, `te-nas-study-${kind}.png`, title).then(
              () => setProblem(null),
              (e: unknown) => setProblem(String(e)),
            )
          }
        >
          PNG
        </button>
      </figcaption>
      <div ref={ref}>
        <ResponsiveContainer width="100%" height={280}>
          <ScatterChart margin={{ top: 8, right: 16, bottom: 28, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="x"
              name={axis}
              scale={kind === 'kappa' ? 'log' : 'auto'}
              domain={xDomain}
              ticks={ticks}
              allowDataOverflow={kind === 'kappa'}
              tickFormatter={(v: number) => (kind === 'kappa' ? `1e${Math.round(Math.log10(v))}` : fmt(v, 0))}
              label={{ value: axis, position: 'insideBottom', offset: -16 }}
            />
            <YAxis
              type="number"
              dataKey="y"
              name="test accuracy %"
              domain={['auto', 'auto']}
              tickFormatter={(v: number) => v.toFixed(0)}
              label={{ value: 'test accuracy %', angle: -90, position: 'insideLeft' }}
            />
            <Tooltip content={TipContent} isAnimationActive={false} />
            {shown.map((d) => (
              <Scatter
                key={d}
                name={DATASET_NAMES[d]}
                data={series[d]}
                fill={DATASET_COLORS[d]}
                fillOpacity={0.55}
                isAnimationActive={false}
                shape="circle"
                legendType="circle"
              />
            ))}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      {problem && <p className="field-error">{problem}</p>}
    </figure>
  );
});

/** The paper's three scatter plots for the study's cells, one colour per NAS-Bench-201 dataset. */
export function StudyCharts({ rows, head }: { rows: StudyRowView[]; head: Nb201Dataset }) {
  const [shown, setShown] = useState<Nb201Dataset[]>([...DATASETS]);
  const { series, total, drawn } = useMemo(() => {
    const scored = rows.filter(
      (r) => !r.degenerate && r.kappa !== null && r.regions !== null && Number.isFinite(r.kappa) && Number.isFinite(r.regions),
    );
    const rs = rankSum(
      Float64Array.from(scored, (r) => r.kappa!),
      Float64Array.from(scored, (r) => r.regions!),
    );
    const stride = Math.max(1, Math.ceil(scored.length / MAX_POINTS));
    const make = (kind: Kind) =>
      Object.fromEntries(
        DATASETS.map((d, di) => [
          d,
          scored.flatMap((r, i) =>
            i % stride === 0 && (kind !== 'kappa' || r.kappa! > 0)
              ? [
                  {
                    x: kind === 'kappa' ? r.kappa! : kind === 'regions' ? r.regions! : rs[i],
                    y: r.acc[di],
                    dataset: d,
                    row: r,
                    rankSum: rs[i],
                  },
                ]
              : [],
          ),
        ]),
      ) as Record<Nb201Dataset, Point[]>;
    return {
      series: { kappa: make('kappa'), regions: make('regions'), rankSum: make('rankSum') },
      total: scored.length,
      drawn: Math.ceil(scored.length / stride),
    };
  }, [rows]);
  // The class head's dataset is drawn last (on top).
  const order = [...shown.filter((d) => d !== head), ...shown.filter((d) => d === head)];
  return (
    <div className="study-charts" data-testid="study-charts">
      <div className="legend">
        {DATASETS.map((d) => (
          <label key={d} className="toggle">
            <input
              type="checkbox"
              checked={shown.includes(d)}
              onChange={(e) =>
                setShown(e.target.checked ? DATASETS.filter((x) => x === d || shown.includes(x)) : shown.filter((x) => x !== d))
              }
            />
            <i style={{ background: DATASET_COLORS[d] }} /> {DATASET_NAMES[d]}
            {d === head ? ' ★' : ''}
          </label>
        ))}
        {drawn < total && (
          <span className="hint">
            showing every {Math.ceil(total / drawn)}th of {total.toLocaleString('en')} cells
          </span>
        )}
      </div>
      <div className="study-chart-grid">
        {CHARTS.map((c) => (
          <OneChart key={c.kind} {...c} series={series[c.kind]} shown={order} />
        ))}
      </div>
    </div>
  );
}
