/**
 * Command-line interface to the engine (Node, wasm backend by default).
 *
 *   npm run cli -- search --seed 0 [--classes 10] [--preset official|paper|quick] [--out run.json]
 *   npm run cli -- score --arch "<arch>" [--seed 0] [--preset official]
 *   npm run cli -- search --space darts --seed 0 [--preset darts|darts-quick] [--out run.json] [--pin normal:2<-1:sep_conv_3x3]
 *   npm run cli -- score --space darts --genotype "Genotype(…)" [--seed 0]
 *   npm run cli -- fixture <file.json> [--backend wasm|cpu]
 *   npm run cli -- correlate --n 200 --seed 0 --out study.csv [--json study.json] [--preset quick] [--stratified]
 *
 * Common options: --backend wasm|cpu, --chunk N (rows of J per backward pass),
 * --workers N (threads sharing the rows of every NTK; default: one per core),
 * --threads N (wasm: 1 = single-threaded SIMD build, default; 2..8 = threaded-SIMD build),
 * --kernels tfjs|own (wasm: tfjs's convolution kernels, or the project's own, default; every command, fixture included).
 */
import { parseArgs } from 'node:util';
import { SEED } from '../engine/model/settings-table';
import { runCorrelate } from './correlate';
import { runFixture } from './fixture';
import { kernelsFrom } from './options';
import { runScore } from './score';
import { runSearch } from './search';
import { SETTING_FLAG_OPTIONS, SETTING_FLAG_USAGE } from './flags';
import { OVERRIDE_FLAG_OPTIONS, OVERRIDE_FLAG_USAGE } from './override-flags';

const USAGE = `usage:
  npm run cli -- search --seed 0 [--preset official|paper|quick] [settings] [--out run.json] [--backend wasm|cpu]
      ${OVERRIDE_FLAG_USAGE}
  npm run cli -- score --arch "<arch string>" [--seed 0] [--preset official|paper|quick] [settings] [--backend wasm|cpu]
  npm run cli -- search --space darts --seed 0 [--preset darts|darts-quick] [settings] [--out run.json]
      [--pin CELL:EDGE:OP]… [--prune CELL:EDGE:OP]… (e.g. normal:2<-1:sep_conv_3x3; optional @ROUND)
      (the DARTS space: official CIFAR-10 settings by default; prints each round and the genotype)
  npm run cli -- score --space darts --genotype "Genotype(normal=[…], normal_concat=[2, 3, 4, 5], reduce=[…], reduce_concat=[2, 3, 4, 5])"
  npm run cli -- fixture <file.json> [--backend wasm|cpu] [--kernels own|tfjs]
  npm run cli -- correlate --n 200 --seed 0 --out study.csv [--json study.json] [--preset quick|official|paper] [settings]
      [--stratified] [--dataset cifar10|cifar100|imagenet16] [--pool all|naslib] [--include-degenerate]
      [--resume study.json] [--bootstrap 1000] [--report table.txt] [--backend wasm|cpu]
      (correlate defaults to the quick preset; search and score to official)
  settings (override the preset):
      ${SETTING_FLAG_USAGE}
  every command: --kernels own|tfjs (wasm: the project's own convolution kernels, default, or tfjs's)
  --seed ${SEED.min}..${SEED.max}; --shared-batch: candidates of a round share each repeat's batch (not the official behaviour)`;

export class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: 'string', default: '0' },
      // No default here: search/score fall back to official (options.ts), correlate to quick.
      preset: { type: 'string' },
      out: { type: 'string' },
      arch: { type: 'string' },
      genotype: { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      chunk: { type: 'string' },
      workers: { type: 'string' },
      threads: { type: 'string' },
      kernels: { type: 'string' },
      // Settings overrides (take precedence over the preset), from the settings table.
      ...SETTING_FLAG_OPTIONS,
      // search: overrides (repeatable)
      ...OVERRIDE_FLAG_OPTIONS,
      // correlate
      n: { type: 'string' },
      json: { type: 'string' },
      stratified: { type: 'boolean' },
      dataset: { type: 'string' },
      pool: { type: 'string' },
      'include-degenerate': { type: 'boolean' },
      resume: { type: 'string' },
      bootstrap: { type: 'string' },
      report: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [cmd, ...rest] = positionals;
  if (values.help || !cmd) {
    console.log(USAGE);
    return cmd ? 0 : 2;
  }
  switch (cmd) {
    case 'search':
      return runSearch(values);
    case 'score':
      return runScore(values);
    case 'correlate':
      return runCorrelate(values);
    case 'fixture':
      if (rest.length !== 1) throw new UsageError('fixture takes exactly one file');
      return runFixture(rest[0], values.backend!, kernelsFrom(values));
    default:
      throw new UsageError(`unknown command "${cmd}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`error: ${(e as Error).message}\n${USAGE}`);
      process.exit(2);
    }
    console.error(`error: ${(e as Error).message ?? e}`);
    process.exit(1);
  },
);
