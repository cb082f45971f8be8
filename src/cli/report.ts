/** Text report of a cell's NAS-Bench-201 accuracies and ranks. */
import type { Nb201Table } from '../engine/data/nb201';
import { DATASETS, datasetForClasses } from '../engine/data/nb201';

const NAMES = { cifar10: 'CIFAR-10', cifar100: 'CIFAR-100', imagenet16: 'ImageNet16-120' } as const;

export function describeCell(table: Nb201Table, ops: number[], numClasses: number): string {
  const row = table.byOps(ops);
  const head = datasetForClasses(numClasses);
  const lines = [`  arch ${row.arch}  (NAS-Bench-201 index ${row.index})`];
  for (const d of DATASETS) {
    const mark = d === head ? '*' : ' ';
    lines.push(
      ` ${mark}${NAMES[d].padEnd(15)} test ${row[d].test.toFixed(3)} %  valid ${row[d].val.toFixed(3)} %  rank ${table.rank(d, row.code)} / ${table.size}  (best ${table.best(d)[d].test.toFixed(3)} %)`,
    );
  }
  lines.push(`  (* = the dataset matching the ${numClasses}-class head; the images are CIFAR-10's)`);
  return lines.join('\n');
}
