/**
 * Experiment (issue 5): the "shared batch per repeat" setting against the
 * official schedule. For each seed the search runs twice, official
 * (sharedBatch off) and shared (on), same seed and settings otherwise, one
 * after the other (which goes first alternates by seed, so a drift in the
 * machine's load does not favour one mode). Per seed: the wall time of each,
 * the speed ratio (wall and this process's CPU time), the networks measured (deterministic: the ratio that a
 * shared, noisy machine cannot blur), the two final architectures, how many of
 * the 6 edges agree, and their NAS-Bench-201 test accuracies; then means over
 * the seeds. Each search runs once (not a median: a search is minutes long).
 *
 *   npx tsx bench/shared-batch.ts [--preset quick] [--repeats 3] [--batch N] [--seeds 0,1,2,3,4] [--tag name] [--recorded DIR]
 *
 * --recorded DIR: take the official mode of seed s from DIR/official-seed<s>.json
 * (e.g. public/runs, the shipped official-settings recordings) when it exists
 * with these settings, instead of running it again (its wall time is then the
 * recording's, measured in another session; its counts follow from the schedule).
 * A warm-up (the first candidate of one official search) precedes the timings.
 *
 * Writes bench/results/shared-batch-<date>[-tag].json and .txt, rewritten
 * after every search, so an interrupted experiment keeps what it measured.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { loadCifar } from '../src/engine/data/cifar';
import type { MeasureCounter } from '../src/engine/measures/measure';
import { listCandidates } from '../src/engine/search/ranking';
import { parseRun } from '../src/engine/search/run-file';
import { DATASETS, loadNb201 } from '../src/engine/data/nb201';
import type { Nb201Dataset } from '../src/engine/data/nb201';
import { nodeReadAsset } from '../src/node/assets';
import { setNodeBackend } from '../src/node/backend';
import { search } from '../src/engine/search/search';
import { parseSettings, PRESET_NAMES, PRESETS } from '../src/engine/model/settings';
import type { PresetName, Settings } from '../src/engine/model/settings';

const { values } = parseArgs({
  options: {
    preset: { type: 'string', default: 'quick' },
    repeats: { type: 'string' },
    batch: { type: 'string' },
    seeds: { type: 'string', default: '0,1,2,3,4' },
    tag: { type: 'string' },
    recorded: { type: 'string' },
  },
});
const preset = values.preset as PresetName;
if (!PRESET_NAMES.includes(preset)) throw new Error(`--preset: one of ${PRESET_NAMES.join(', ')}`);
const base: Settings = parseSettings({
  ...PRESETS[preset],
  ...(values.repeats !== undefined && { repeats: Number(values.repeats) }),
  ...(values.batch !== undefined && { batchSize: Number(values.batch) }),
  sharedBatch: false,
});
const seeds = values.seeds.split(',').map(Number);
if (seeds.some((s) => !Number.isInteger(s) || s < 0))
  throw new Error(`--seeds: comma-separated non-negative integers (got "${values.seeds}")`);

const MODES = ['official', 'shared'] as const;
type Mode = (typeof MODES)[number];
const NAMES: Record<Nb201Dataset, string> = { cifar10: 'CIFAR-10', cifar100: 'CIFAR-100', imagenet16: 'ImageNet16-120' };

interface ModeResult {
  wallS: number;
  /** CPU time of this process (user + system) during the search: less sensitive than wall time to other jobs on the machine. */
  cpuS?: number;
  /** Taken from a recording (another session) instead of run here. */
  recorded?: string;
  measured: MeasureCounter;
  arch: string;
  ops: number[];
  nb201Index: number;
  test: Record<Nb201Dataset, number>;
  rank: Record<Nb201Dataset, number>;
}
interface SeedResult {
  seed: number;
  order: Mode[];
  official?: ModeResult;
  shared?: ModeResult;
  speedRatio?: number;
  cpuRatio?: number;
  ntkCountRatio?: number;
  sameArch?: boolean;
  edgesAgree?: number;
}

await setNodeBackend('wasm');
const read = nodeReadAsset();
const [data, table] = await Promise.all([loadCifar(read), loadNb201(read)]);
const machine = `${os.cpus()[0]?.model ?? 'unknown cpu'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${os.platform()} ${os.arch()}`;
const date = new Date().toISOString();
const file = `bench/results/shared-batch-${date.slice(0, 10)}${values.tag ? `-${values.tag}` : ''}`;
const conditions =
  `preset "${preset}"` +
  (values.repeats !== undefined || values.batch !== undefined
    ? ` with overrides (${[values.batch !== undefined && `batch ${base.batchSize}`, values.repeats !== undefined && `repeats ${base.repeats}`].filter(Boolean).join(', ')})`
    : '') +
  `: NTK batch ${base.batchSize}, ${base.repeats} repeats, R_N on ${base.regionBatches} × ${base.regionBatchSize} crops, ${base.numClasses}-class head` +
  (preset === 'official' && values.repeats === undefined && values.batch === undefined
    ? ' (the official settings)'
    : ' — NOT the official settings (batch 72, 3 repeats, 3 × 1000 crops)');

console.log(`machine: ${machine}\nbackend: ${tf.getBackend()} (single-threaded)\nsettings: ${conditions}\nseeds: ${seeds.join(', ')}`);

/** The official mode of a seed from a shipped recording, when one exists with these settings. */
function fromRecording(seed: number): ModeResult | null {
  if (!values.recorded) return null;
  const path = `${values.recorded}/official-seed${seed}.json`;
  if (!existsSync(path)) return null;
  const run = parseRun(readFileSync(path, 'utf8'));
  if (run.seed !== seed || JSON.stringify(run.settings) !== JSON.stringify(base) || run.durationMs === undefined) return null;
  const result = run.events.find((e) => e.type === 'result');
  if (result?.type !== 'result') return null;
  // Officially every candidate measures 2 networks per repeat (the schedule, not a measurement).
  const rounds = run.events.flatMap((e) => (e.type === 'round-start' ? [listCandidates(e.mask).length] : []));
  const n = rounds.reduce((a, c) => a + 2 * c * base.repeats, 0);
  return withAccuracies(
    result.ops,
    result.arch,
    run.durationMs / 1000,
    { ntk: n, regions: n },
    `${path} (${run.environment ?? run.backend}, ${run.createdAt})`,
  );
}

async function runOnce(seed: number, mode: Mode): Promise<ModeResult> {
  if (mode === 'official') {
    const rec = fromRecording(seed);
    if (rec) return rec;
  }
  const settings: Settings = { ...base, sharedBatch: mode === 'shared' };
  const measured: MeasureCounter = { ntk: 0, regions: 0 };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let ops: number[] | null = null;
  let arch = '';
  let n = 0;
  for await (const e of search(data, settings, seed, { counter: measured })) {
    if (e.type === 'candidate' && ++n % 6 === 0)
      console.log(`  seed ${seed} ${mode}: ${n}/54 candidates, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    if (e.type === 'result') {
      ops = e.ops;
      arch = e.arch;
    }
  }
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (!ops) throw new Error(`seed ${seed} ${mode}: the search ended without a result`);
  return { ...withAccuracies(ops, arch, wallS, measured), cpuS: (cpu.user + cpu.system) / 1e6 };
}

function withAccuracies(ops: number[], arch: string, wallS: number, measured: MeasureCounter, recorded?: string): ModeResult {
  const row = table.byOps(ops);
  const test = {} as Record<Nb201Dataset, number>;
  const rank = {} as Record<Nb201Dataset, number>;
  for (const d of DATASETS) {
    test[d] = row[d].test;
    rank[d] = table.rank(d, row.code);
  }
  return { wallS, ...(recorded && { recorded }), measured, arch, ops, nb201Index: row.index, test, rank };
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const results: SeedResult[] = [];

function summary() {
  const complete = results.filter((r) => r.official && r.shared);
  const means = Object.fromEntries(
    MODES.map((m) => [m, Object.fromEntries(DATASETS.map((d) => [d, complete.length ? mean(complete.map((r) => r[m]!.test[d])) : null]))]),
  ) as Record<Mode, Record<Nb201Dataset, number | null>>;
  return {
    seedsComplete: complete.length,
    meanTest: means,
    meanSpeedRatio: complete.length ? mean(complete.map((r) => r.speedRatio!)) : null,
    meanCpuRatio: complete.some((r) => r.cpuRatio !== undefined)
      ? mean(complete.flatMap((r) => (r.cpuRatio === undefined ? [] : [r.cpuRatio])))
      : null,
    ntkCountRatio: complete.length ? mean(complete.map((r) => r.ntkCountRatio!)) : null,
    totalWallS: Object.fromEntries(MODES.map((m) => [m, complete.reduce((a, r) => a + r[m]!.wallS, 0)])),
    sameArch: complete.filter((r) => r.sameArch).length,
    meanEdgesAgree: complete.length ? mean(complete.map((r) => r.edgesAgree!)) : null,
  };
}

function text(): string {
  const s = summary();
  const lines = [
    `Shared batch per repeat vs the official schedule — ${date}`,
    `machine: ${machine}; backend wasm (Node, single-threaded); the machine was shared with other jobs, so wall times are noisy: the NTK-count ratio is exact`,
    `settings: ${conditions}`,
    '',
    'seed | mode     | wall s |  CPU s | NTKs | R_N nets | arch                                                                                         | C10 test | C100 test | IN16 test',
  ];
  for (const r of results) {
    for (const m of MODES) {
      const x = r[m];
      if (!x) continue;
      lines.push(
        `${String(r.seed).padStart(4)} | ${(m + (x.recorded ? '*' : '')).padEnd(8)} | ${x.wallS.toFixed(0).padStart(6)} | ${(x.cpuS === undefined ? '-' : x.cpuS.toFixed(0)).padStart(6)} | ${String(x.measured.ntk).padStart(4)} | ${String(x.measured.regions).padStart(8)} | ${x.arch.padEnd(92)} | ${x.test.cifar10.toFixed(2).padStart(8)} | ${x.test.cifar100.toFixed(2).padStart(9)} | ${x.test.imagenet16.toFixed(2).padStart(9)}`,
      );
    }
    if (r.official && r.shared) {
      lines.push(
        `     → speed-up ${r.speedRatio!.toFixed(2)}× wall${r.cpuRatio === undefined ? '' : `, ${r.cpuRatio.toFixed(2)}× CPU`} (official/shared, ${r.order.join(' first, ')} second), NTK measurements ${r.official.measured.ntk}/${r.shared.measured.ntk} = ${r.ntkCountRatio!.toFixed(2)}×, same arch: ${r.sameArch ? 'yes' : 'no'}, edges agreeing ${r.edgesAgree}/6`,
      );
    }
  }
  const rec = results.flatMap((r) => MODES.flatMap((m) => (r[m]?.recorded ? [`seed ${r.seed} ${m}: ${r[m]!.recorded}`] : [])));
  if (rec.length)
    lines.push(
      '',
      '* taken from a recording made in another session (its wall time too; counts from the schedule):',
      ...rec.map((x) => `  ${x}`),
    );
  lines.push('');
  lines.push(
    `seeds complete: ${s.seedsComplete}; same arch in ${s.sameArch}/${s.seedsComplete}; mean edges agreeing ${s.meanEdgesAgree?.toFixed(2) ?? '-'} / 6; mean speed-up ${s.meanSpeedRatio?.toFixed(2) ?? '-'}× wall, ${s.meanCpuRatio?.toFixed(2) ?? '-'}× CPU; NTK-count ratio ${s.ntkCountRatio?.toFixed(3) ?? '-'}×`,
  );
  for (const m of MODES)
    lines.push(
      `mean test accuracy, ${m.padEnd(8)}: ${DATASETS.map((d) => `${NAMES[d]} ${s.meanTest[m][d]?.toFixed(3) ?? '-'} %`).join(', ')}`,
    );
  return `${lines.join('\n')}\n`;
}

function save() {
  mkdirSync('bench/results', { recursive: true });
  const json = { date, machine, backend: 'wasm (Node, single-threaded)', conditions, settings: base, seeds, results, summary: summary() };
  writeFileSync(`${file}.json`, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(`${file}.txt`, text());
}

// Warm-up: the first candidate of one search (wasm module, kernels, allocator), untimed.
{
  const t0 = performance.now();
  for await (const e of search(data, base, 2 ** 31 - 1)) if (e.type === 'candidate') break;
  console.log(`warm-up (one candidate): ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

for (const seed of seeds) {
  const order: Mode[] = seed % 2 === 0 ? ['official', 'shared'] : ['shared', 'official'];
  const r: SeedResult = { seed, order };
  results.push(r);
  for (const m of order) {
    console.log(`seed ${seed}: ${m}…`);
    r[m] = await runOnce(seed, m);
    console.log(`seed ${seed} ${m}: ${r[m]!.wallS.toFixed(1)} s, ${r[m]!.measured.ntk} NTKs, ${r[m]!.arch}`);
    if (r.official && r.shared) {
      r.speedRatio = r.official.wallS / r.shared.wallS;
      if (r.official.cpuS !== undefined && r.shared.cpuS !== undefined) r.cpuRatio = r.official.cpuS / r.shared.cpuS;
      r.ntkCountRatio = r.official.measured.ntk / r.shared.measured.ntk;
      r.sameArch = r.official.arch === r.shared.arch;
      r.edgesAgree = r.official.ops.filter((o, i) => o === r.shared!.ops[i]).length;
    }
    save();
  }
}
process.stdout.write(`\n${text()}`);
console.log(`written: ${file}.json, ${file}.txt`);
