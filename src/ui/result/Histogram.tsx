import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistogramBin } from '../../worker/protocol';

/** Test accuracies of all cells, with the bin of the result marked. */
export function Histogram({ bins, mark, name }: { bins: HistogramBin[]; mark: number; name: string }) {
  const data = bins.map((b) => ({ label: b.from.toFixed(0), count: b.count, hit: mark >= b.from && mark < b.to }));
  return (
    <div className="chart histogram" data-testid="histogram">
      <h3>
        {name} test accuracy of all cells — result at {mark.toFixed(2)} %
      </h3>
      <ResponsiveContainer width="100%" height={170}>
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: 0 }} barCategoryGap={0}>
          <XAxis dataKey="label" interval={9} />
          <YAxis scale="sqrt" width={44} />
          <Tooltip formatter={(v) => [String(v), 'cells']} labelFormatter={(l) => `${String(l)} %`} />
          <Bar dataKey="count" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.label} fill={d.hit ? '#d93025' : '#9aa0a6'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
