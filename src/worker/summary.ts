/** The result card's numbers, computed in the worker from the NAS-Bench-201 table. */
import { DATASETS, datasetForClasses, type Nb201Dataset, type Nb201Table } from '../engine/data/nb201';
import type { DatasetSummary, HistogramBin, ResultSummary } from './protocol';

const BIN_WIDTH = 1;

export function histogram(values: Float64Array): HistogramBin[] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const lo = Math.floor(min / BIN_WIDTH) * BIN_WIDTH;
  const n = Math.max(1, Math.floor((max - lo) / BIN_WIDTH) + 1);
  const bins: HistogramBin[] = Array.from({ length: n }, (_, i) => ({ from: lo + i * BIN_WIDTH, to: lo + (i + 1) * BIN_WIDTH, count: 0 }));
  for (const v of values) bins[Math.min(n - 1, Math.floor((v - lo) / BIN_WIDTH))].count++;
  return bins;
}

export function summarise(table: Nb201Table, ops: number[], numClasses: number): ResultSummary {
  const row = table.byOps(ops);
  const head = datasetForClasses(numClasses);
  const datasets: DatasetSummary[] = DATASETS.map((d: Nb201Dataset) => {
    const best = table.best(d);
    return { dataset: d, accuracy: row[d], rank: table.rank(d, row.code), best: best[d], bestArch: best.arch };
  });
  return {
    arch: row.arch,
    ops: row.ops,
    index: row.index,
    cells: table.size,
    datasets,
    headDataset: head,
    histogram: histogram(table.testAccuracies(head)),
  };
}
