/**
 * Benchmark suite on Node (wasm or cpu backend): one NTK of the full supernet,
 * one region count, one candidate measurement, one round, one whole search —
 * the same engine calls as the worker's `bench` RPC (src/engine/bench-cases.ts).
 * For each: seconds (runs and median), FLOPs (bench/flop-count.ts), achieved
 * GFLOP/s, a whole official search at that rate, and the ratio to the PyTorch
 * reference of issue 5. Writes bench/results/node-<backend>-<date>.json.
 *
 *   npm run bench:node -- [--backend wasm|cpu] [--what ntk,regions,candidate,round,search]
 *       [--runs 3] [--long-runs 1] [--warmup 1] [--preset official] [--seed 0] [--chunk N]
 *       [--rows B | --batch B] [settings flags of the CLI] [--out NAME.json]
 *       [--workers N] [--threads N] [--kernels own|tfjs]   (as the CLI: src/cli/options.ts; --help lists them)
 *
 * --runs is the number of timed runs of ntk, regions and candidate (median
 * reported); round and search take --long-runs (default 1: a search is ≈ 40 min).
 * --warmup unmeasured runs precede ntk and regions (kernels compiled, memory grown).
 * --out names the file under bench/results/ instead of node-<backend>-<date>.json.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import type { BenchCase } from '../src/engine/checks/bench-cases';
import { BENCH_CASES, isBenchCase, runBenchCase } from '../src/engine/checks/bench-cases';
import { intOption, SETTING_FLAG_USAGE, SETTING_FLAG_OPTIONS } from '../src/cli/flags';
import { commandSetup } from '../src/cli/options';
import type { CaseResult } from './report';
import { machine, printTable, summarise, writeResult } from './report';

const USAGE = `usage: npm run bench:node -- [--backend wasm|cpu] [--what ${BENCH_CASES.join(',')}]
    [--runs 3] [--long-runs 1] [--warmup 1] [--preset official] [--seed 0] [--chunk N] [--rows B (= --batch B)]
    ${SETTING_FLAG_USAGE}
    [--out NAME.json] [--workers N] [--threads N] [--kernels own|tfjs]   (as the CLI: src/cli/options.ts)`;

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    what: { type: 'string', default: BENCH_CASES.join(',') },
    runs: { type: 'string', default: '3' },
    'long-runs': { type: 'string', default: '1' },
    warmup: { type: 'string', default: '1' },
    preset: { type: 'string', default: 'official' },
    seed: { type: 'string', default: '0' },
    chunk: { type: 'string' },
    // passed through to the CLI's backend set-up (src/cli/options.ts), when it offers them
    workers: { type: 'string' },
    threads: { type: 'string' },
    kernels: { type: 'string' },
    // the settings flags of the CLI (src/cli/flags.ts, from the settings table); --rows is --batch
    ...SETTING_FLAG_OPTIONS,
    rows: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.rows !== undefined) values.batch = values.rows;

const what = values.what!.split(',').map((w) => w.trim());
const bad = what.filter((w) => !isBenchCase(w));
if (bad.length) throw new Error(`--what: unknown case(s) ${bad.join(', ')} (cases: ${BENCH_CASES.join(', ')})`);
const cases = BENCH_CASES.filter((c) => what.includes(c));
const runs = intOption(values, 'runs', 1, 100)!;
const longRuns = intOption(values, 'long-runs', 1, 100)!;
const warmup = intOption(values, 'warmup', 0, 10)!;
const LONG: BenchCase[] = ['round', 'search'];

const { seed, preset, settings, chunk, backend, data } = await commandSetup(values);
const m = machine();
console.log(
  `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, node ${m.node}, ${m.platform}; load ${m.loadAverageAtStart.join(' ')}`,
);
console.log(
  `backend ${backend} (${tf.getBackend()}); preset ${preset}; seed ${seed}; chunk ${chunk ?? 'engine default'}; workers ${values.workers ?? 'CLI default'}; threads ${values.threads ?? 'CLI default'}; kernels ${values.kernels ?? 'CLI default (own)'}`,
);
console.log(`settings ${JSON.stringify(settings)}`);
console.log(
  `runs: ${runs} for ntk/regions/candidate (median), ${longRuns} for round/search${longRuns === 1 ? ' (one run: a search takes ≈ 40 min; --long-runs 3 for a median)' : ''}; warm-up ${warmup} for ntk/regions`,
);

const results: CaseResult[] = [];
for (const c of cases) {
  const long = LONG.includes(c);
  const n = long ? longRuns : runs;
  const w = c === 'ntk' || c === 'regions' ? warmup : 0;
  console.log(`\n▶ ${c}: ${n} run(s)${w ? ` after ${w} warm-up` : ''}`);
  for (let i = 0; i < w; i++) {
    const r = await runBenchCase(data, { what: c, settings, seed, chunk });
    console.log(`  warm-up: ${r.seconds.toFixed(2)} s`);
  }
  const times: number[] = [];
  let last = null;
  let leaked = 0;
  for (let i = 0; i < n; i++) {
    const r = await runBenchCase(data, { what: c, settings, seed, chunk }, long ? (msg) => console.log(`    ${msg}`) : undefined);
    times.push(r.seconds);
    leaked = Math.max(leaked, r.tensorsAfter - r.tensorsBefore);
    last = r;
    const d = r.details;
    const what =
      d.arch ?? (d.kappa ? `κ ${d.kappa.map((k) => k.toFixed(2)).join(' ')}` : '') + (d.regions ? ` R ${d.regions.join(' ')}` : '');
    console.log(`  run ${i + 1}: ${r.seconds.toFixed(2)} s  ${what}`);
  }
  results.push(summarise(c, settings, chunk, times, w, last!.details, leaked));
}

console.log('');
printTable(results);
const date = new Date().toISOString();
const file = values.out ?? `node-${backend}-${date.slice(0, 10)}.json`;
const written = writeResult(file.replace(/^bench\/results\//, ''), {
  suite: 'node',
  date,
  machine: m,
  backend,
  tfjsFlags: tf.env().getFlags(),
  preset,
  settings,
  seed,
  chunk: chunk ?? null,
  // null: the CLI's default
  workers: values.workers ?? null,
  threads: values.threads ?? null,
  kernels: values.kernels ?? 'own',
  cases: results,
});
console.log(`written ${written}`);
process.exit(0); // row-helper threads, if any, end with the process
