/**
 * The ten-seed table of the README: every official-settings NAS-Bench-201
 * recording in public/runs (official-seed<N>.json, made by `npm run cli --
 * search --seed N --out …`), its architecture and NAS-Bench-201 test
 * accuracies, and their mean ± std over the seeds against the paper's TE-NAS
 * row. Prints a markdown table; reads only shipped files.
 *
 *   npx tsx bench/seeds-table.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DATASETS, loadNb201 } from '../src/engine/data/nb201';
import { presetOf } from '../src/engine/model/settings';
import { parseRun } from '../src/engine/search/run-file';
import { nodeReadAsset } from '../src/node/assets';

/** TE-NAS, NAS-Bench-201, CIFAR-10 search (Chen, Gong & Wang, ICLR 2021, Table 2): test accuracy, mean ± std. */
const PAPER = { cifar10: [93.9, 0.47], cifar100: [71.24, 0.56], imagenet16: [42.38, 0.46] } as const;

const dir = fileURLToPath(new URL('../public/runs/', import.meta.url));
const table = await loadNb201(nodeReadAsset());
const files = readdirSync(dir)
  .map((f) => /^official-seed(\d+)\.json$/.exec(f))
  .filter((m): m is RegExpExecArray => m !== null)
  .sort((a, b) => Number(a[1]) - Number(b[1]));
const acc: Record<(typeof DATASETS)[number], number[]> = { cifar10: [], cifar100: [], imagenet16: [] };
console.log('| seed | architecture found | NB201 index | CIFAR-10 | CIFAR-100 | ImageNet16-120 |');
console.log('| ---- | ------------------ | ----------- | -------- | --------- | -------------- |');
for (const [file, seedText] of files) {
  const run = parseRun(readFileSync(`${dir}${file}`, 'utf8'));
  if (presetOf(run.settings) !== 'official') throw new Error(`${file}: not the official settings`);
  if (run.seed !== Number(seedText)) throw new Error(`${file}: its seed is ${run.seed}`);
  const result = run.events.find((e) => e.type === 'result');
  if (result?.type !== 'result') throw new Error(`${file}: no result event`);
  const row = table.byArch(result.arch);
  const cells = DATASETS.map((d) => {
    acc[d].push(row[d].test);
    return `${row[d].test.toFixed(2)} % (rank ${table.rank(d, row.code)})`;
  });
  // A pipe inside a table cell must be escaped, in a code span too (GitHub-flavoured markdown).
  console.log(`| ${run.seed} | \`${result.arch.replaceAll('|', '\\|')}\` | ${row.index} | ${cells.join(' | ')} |`);
}
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
// Sample standard deviation (n − 1), as numpy.std(ddof=1); the paper does not say which it reports.
const std = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / Math.max(1, v.length - 1));
const pm = (v: number[]) => `${mean(v).toFixed(2)} ± ${std(v).toFixed(2)}`;
console.log(`| mean ± std (${files.length} seeds) | | | ${DATASETS.map((d) => pm(acc[d])).join(' | ')} |`);
console.log(`| paper (TE-NAS, Table 2) | | | ${DATASETS.map((d) => `${PAPER[d][0]} ± ${PAPER[d][1]}`).join(' | ')} |`);
