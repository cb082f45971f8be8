import { useEffect, useState } from 'react';
import { edgeLabel, OPS } from '../../engine/model/nb201/space';
import type { Run } from '../../engine/search/run-file';
import { summaryOf } from '../../store/steer/compare';
import { runArch } from '../../store/runs/runs';
import type { ResultSummary } from '../../worker/protocol';
import { EDGE_IDS } from '../cell/geometry';
import { fmtCount } from '../format';

const NAMES: Record<string, string> = { cifar10: 'CIFAR-10', cifar100: 'CIFAR-100', imagenet16: 'ImageNet16-120' };
const SIDES = ['A', 'B'] as const;

function resultOps(run: Run): number[] | null {
  const r = run.events.at(-1);
  return r?.type === 'result' ? r.ops : null;
}

/** The NAS-Bench-201 summary of a run's final cell (null while it loads or when the run is unfinished). */
function useSummary(run: Run | null): ResultSummary | null {
  const [summary, setSummary] = useState<ResultSummary | null>(null);
  useEffect(() => {
    setSummary(null);
    const ops = run && resultOps(run);
    if (!run || !ops) return;
    let live = true;
    summaryOf(ops, run.settings.numClasses).then(
      (s) => live && setSummary(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [run]);
  return summary;
}

/** Two NAS-Bench-201 runs' final cells edge by edge (the edges that differ marked), their test accuracies and ranks on the three datasets. */
export function Nb201Compare({ a, b }: { a: Run; b: Run }) {
  const sa = useSummary(a);
  const sb = useSummary(b);
  const opsA = resultOps(a);
  const opsB = resultOps(b);
  const summaries = [sa, sb];
  return (
    <div className="compare-body">
      <table className="compare-arch" data-testid="compare-arch">
        <caption>Final cells</caption>
        <thead>
          <tr>
            <th>edge</th>
            <th>A</th>
            <th>B</th>
          </tr>
        </thead>
        <tbody>
          {EDGE_IDS.map((e) => {
            const oa = opsA ? OPS[opsA[e]] : '…';
            const ob = opsB ? OPS[opsB[e]] : '…';
            return (
              <tr key={e} className={oa !== ob ? 'differs' : ''}>
                <td>{edgeLabel(e)}</td>
                <td>{oa}</td>
                <td>{ob}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table className="compare-acc" data-testid="compare-acc">
        <caption>NAS-Bench-201 test accuracy and rank (of 15,625)</caption>
        <thead>
          <tr>
            <th>dataset</th>
            <th>A test %</th>
            <th>A rank</th>
            <th>B test %</th>
            <th>B rank</th>
          </tr>
        </thead>
        <tbody>
          {['cifar10', 'cifar100', 'imagenet16'].map((d) => (
            <tr key={d}>
              <td>{NAMES[d]}</td>
              {summaries.map((s, i) => {
                const row = s?.datasets.find((x) => x.dataset === d);
                return [
                  <td key={`t${SIDES[i]}`} data-testid={`compare-${SIDES[i]}-${d}-test`}>
                    {row ? row.accuracy.test.toFixed(2) : runArch([a, b][i]) ? '…' : '—'}
                  </td>,
                  <td key={`r${SIDES[i]}`}>{row ? fmtCount(row.rank) : ''}</td>,
                ];
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
