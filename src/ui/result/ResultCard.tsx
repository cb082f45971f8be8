import { useDeferredValue } from 'react';
import { useStore } from '../../store/store';
import type { DatasetSummary } from '../../worker/protocol';
import { fmtCount } from '../format';
import { Histogram } from '../charts/lazy';
import { ChartPng } from '../pictures/ChartPng';

const NAMES: Record<DatasetSummary['dataset'], string> = { cifar10: 'CIFAR-10', cifar100: 'CIFAR-100', imagenet16: 'ImageNet16-120' };
/** TE-NAS's NAS-Bench-201 test accuracies as reported in the paper (Table 2). */
const PAPER: Record<DatasetSummary['dataset'], number> = { cifar10: 93.9, cifar100: 71.24, imagenet16: 42.38 };

/** The searched cell, its NAS-Bench-201 accuracies and rank, beside the paper's TE-NAS result and the optimum. */
export function ResultCard() {
  // Deferred: the card (and its histogram) mounts in an interruptible background render.
  const summary = useDeferredValue(useStore((s) => s.summary));
  if (!summary) return null;
  const head = summary.datasets.find((d) => d.dataset === summary.headDataset);
  return (
    <section className="panel result-card" aria-label="Result" data-testid="result-card">
      <h2>Result</h2>
      <p>
        Searched cell <code data-testid="result-arch">{summary.arch}</code> (NAS-Bench-201 index {summary.index}; rank among{' '}
        {fmtCount(summary.cells)} cells by test accuracy; “paper” is TE-NAS's row in the paper, “best” the optimum)
      </p>
      <div className="result-body">
        <table className="result-table">
          <thead>
            <tr>
              <th>dataset</th>
              <th>test %</th>
              <th>valid %</th>
              <th title={`rank among ${fmtCount(summary.cells)} cells`}>rank</th>
              <th title="TE-NAS, ICLR 2021, Table 2">paper</th>
              <th title="best cell in NAS-Bench-201">best</th>
            </tr>
          </thead>
          <tbody>
            {summary.datasets.map((d) => (
              <tr key={d.dataset} className={d.dataset === summary.headDataset ? 'head' : ''} data-testid={`result-row-${d.dataset}`}>
                <td>
                  {NAMES[d.dataset]}
                  {d.dataset === summary.headDataset ? ' ★' : ''}
                </td>
                <td data-testid={`result-${d.dataset}-test`} data-value={d.accuracy.test}>
                  {d.accuracy.test.toFixed(3)}
                </td>
                <td data-testid={`result-${d.dataset}-val`} data-value={d.accuracy.val}>
                  {d.accuracy.val.toFixed(3)}
                </td>
                <td data-testid={`result-${d.dataset}-rank`}>{fmtCount(d.rank)}</td>
                <td>{PAPER[d.dataset].toFixed(2)}</td>
                <td title={d.bestArch}>{d.best.test.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {head && <Histogram bins={summary.histogram} mark={head.accuracy.test} name={NAMES[head.dataset]} />}
        {head && <ChartPng testId="histogram" file="te-nas-histogram.png" title={`Test accuracy of all cells, ${NAMES[head.dataset]}`} />}
      </div>
      <p className="hint">
        ★ the dataset matching the class head. Accuracies are NAS-Bench-201's 200-epoch results; the search itself used no training and only
        CIFAR-10 images.
      </p>
    </section>
  );
}
