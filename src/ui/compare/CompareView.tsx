import { useEffect, useMemo, useState } from 'react';
import { describeOverride } from '../../engine/search/overrides';
import type { Run } from '../../engine/search/run-file';
import { edgeLabel, OPS } from '../../engine/model/nb201/space';
import { EDGE_IDS } from '../cell/geometry';
import { closeCompare, historyRun, summaryOf } from '../../store/compare';
import { jointTrajectory, partings } from '../../store/run-diff';
import { runArch, describeRunSettings } from '../../store/runs';
import { useStore } from '../../store/store';
import type { ResultSummary } from '../../worker/protocol';
import { fmtCount } from '../format';
import { CompareCharts } from './CompareCharts';

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

/** What a run is: its settings, and for a branch where it parted. */
function RunHead({ side, run }: { side: string; run: Run }) {
  const overrides = run.events.flatMap((e, at) => (e.type === 'override' ? [{ ...e, at }] : []));
  return (
    <div className="compare-head" data-testid={`compare-head-${side}`}>
      <strong className={`side side-${side}`}>{side}</strong> {describeRunSettings(run)}
      {run.parent && <div className="hint">branch of {run.parent.label ?? run.parent.id}</div>}
      {overrides.map((e) => (
        <div key={e.at} className="hint">
          round {e.round + 1}: {describeOverride(e.override)}
        </div>
      ))}
    </div>
  );
}

/**
 * Two runs side by side: what each is, their final cells edge by edge (the
 * edges that differ marked), their NAS-Bench-201 test accuracies and ranks on
 * the three datasets, their κ_N and R_N per round overlaid, and the rounds
 * where their pruning parts.
 */
export function CompareView() {
  const ids = useStore((s) => s.steer.compare);
  useStore((s) => s.runs.history);
  const a = ids ? historyRun(ids[0]) : null;
  const b = ids ? historyRun(ids[1]) : null;
  const sa = useSummary(a);
  const sb = useSummary(b);
  const joint = useMemo(() => (a && b ? jointTrajectory(a.events, b.events) : []), [a, b]);
  const parts = useMemo(() => (a && b ? partings(a.events, b.events) : []), [a, b]);
  if (!ids) return null;
  if (!a || !b)
    return (
      <section className="panel compare-view" data-testid="compare-view">
        <h2>Comparison</h2>
        <p className="hint">One of the two runs is no longer in the history.</p>
        <button type="button" onClick={closeCompare}>
          Close
        </button>
      </section>
    );
  const opsA = resultOps(a);
  const opsB = resultOps(b);
  const summaries = [sa, sb];
  return (
    <section className="panel compare-view" aria-label="Two runs compared" data-testid="compare-view">
      <h2>
        Comparison{' '}
        <button type="button" className="link" onClick={closeCompare} data-testid="compare-close" aria-label="Close the comparison">
          ×
        </button>
      </h2>
      <div className="compare-heads">
        <RunHead side="A" run={a} />
        <RunHead side="B" run={b} />
      </div>
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
      <CompareCharts data={joint} />
      <div className="compare-parts" data-testid="compare-parts">
        <h3>Where they part</h3>
        {parts.length === 0 ? (
          <p className="hint">Every round pruned the same ops.</p>
        ) : (
          <ul>
            {parts.map((p) => (
              <li key={p.round}>
                Round {p.round + 1}: A pruned {p.onlyA.map((c) => `${edgeLabel(c.edge)} ${OPS[c.op]}`).join(', ') || 'nothing else'}; B
                pruned {p.onlyB.map((c) => `${edgeLabel(c.edge)} ${OPS[c.op]}`).join(', ') || 'nothing else'}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
