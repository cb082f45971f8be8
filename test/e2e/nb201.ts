// The NAS-Bench-201 row of an arch: from shared/data/nb201/nb201_accuracy.csv when the checkout
// has it, else from public/data/nb201.bin through the engine (npx tsx nb201-lookup.ts).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Test and validation accuracy, %. */
export interface Accuracy {
  test: number;
  val: number;
}

/** An arch's NAS-Bench-201 row, and where it came from. */
export interface Nb201Row {
  source: string;
  cifar10: Accuracy;
  cifar100: Accuracy;
  imagenet16: Accuracy;
}

/** The datasets of a row. */
export type Nb201Dataset = 'cifar10' | 'cifar100' | 'imagenet16';

export async function lookupArch(root: string, arch: string): Promise<Nb201Row> {
  for (const csv of [join(root, 'shared/data/nb201/nb201_accuracy.csv'), join(root, '../shared/data/nb201/nb201_accuracy.csv')]) {
    if (!existsSync(csv)) continue;
    const [header, ...lines] = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
    const cols = header.split(',');
    for (const line of lines) {
      const cells = line.split(',');
      if (cells[cols.indexOf('arch')] !== arch) continue;
      const v = (name: string) => Number(cells[cols.indexOf(name)]);
      return {
        source: csv,
        cifar10: { test: v('cifar10_test'), val: v('cifar10_valid_val') },
        cifar100: { test: v('cifar100_test'), val: v('cifar100_val') },
        imagenet16: { test: v('imagenet16_test'), val: v('imagenet16_val') },
      };
    }
    throw new Error(`${arch} is not in ${csv}`);
  }
  const { stdout } = await promisify(execFile)('npx', ['tsx', join(root, 'test/e2e/nb201-lookup.ts'), arch], { cwd: root });
  // nb201-lookup.ts prints the row's accuracies as JSON.
  const row: Omit<Nb201Row, 'source'> = JSON.parse(stdout);
  return { source: 'public/data/nb201.bin', ...row };
}
