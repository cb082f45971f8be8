/**
 * What the benchmark scripts (engine.bench.ts on Node, browser.bench.mjs in
 * Chromium) do with their timings: median, FLOPs of the case at the sizes
 * used (flop-count.ts), achieved GFLOP/s, the time of a whole official search
 * at that rate, an extrapolation to the official sizes when smaller ones were
 * used, the ratio to the PyTorch reference of issue 5, the table and the file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { BenchCase, BenchDetails } from '../src/engine/checks/bench-cases';
import { BENCH_DESCRIPTIONS } from '../src/engine/checks/bench-cases';
import { ntkGraph, thinGraph } from '../src/engine/measures/measure';
import { listCandidates } from '../src/engine/search/ranking';
import type { Settings } from '../src/engine/model/settings';
import { PRESETS } from '../src/engine/model/settings';
import { fullMask } from '../src/engine/model/nb201/space';
import { candidateCost, ntkCost, regionsCost, roundCost, roundMasks, searchCost, total } from './flop-count';

/**
 * The official PyTorch implementation, single-threaded, on a quiet 2-core
 * machine of this project's kind (issue 5): ≈ 0.1 s per whole-batch backward,
 * ≈ 7 s per 72-row NTK, ≈ 45 s per candidate, ≈ 40 min per search (54 candidates).
 * Round 0 has 24 candidates: 24 × 45 s (derived).
 */
export const REFERENCE: Partial<Record<BenchCase, { seconds: number; source: string }>> = {
  ntk: { seconds: 7, source: 'issue 5: official PyTorch, single-threaded, ≈ 7 s per 72-row NTK (72 backward passes of ≈ 0.1 s)' },
  candidate: {
    seconds: 45,
    source: 'issue 5: official PyTorch, single-threaded, ≈ 45 s per candidate (2 networks × 3 repeats, plus regions)',
  },
  round: { seconds: 24 * 45, source: 'derived from issue 5: round 0 has 24 candidates × ≈ 45 s' },
  search: { seconds: 40 * 60, source: 'issue 5: official PyTorch, single-threaded, ≈ 40 min per official-settings search (54 candidates)' },
};

export const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** FLOPs of one measurement of `what` with settings `s` (a search: over the masks it met, else the default masks). */
export function caseFlops(what: BenchCase, s: Settings, details?: BenchDetails): number {
  const full = fullMask();
  switch (what) {
    case 'ntk':
      return ntkCost(ntkGraph(full, s), s.batchSize);
    case 'regions':
      return regionsCost(thinGraph(full, s), s.regionBatches * s.regionBatchSize);
    case 'candidate':
      return total(candidateCost(s, full, listCandidates(full)[0]));
    case 'round':
      return total(roundCost(s, full));
    case 'search':
      return total(searchCost(s, details?.masks?.length ? details.masks : roundMasks()));
  }
}

/** The official sizes with the class count and schedule (sharedBatch) of `s`: what the reference and the floor are about. */
export const officialLike = (s: Settings): Settings => ({ ...PRESETS.official, numClasses: s.numClasses, sharedBatch: s.sharedBatch });

export interface CaseResult {
  what: BenchCase;
  description: string;
  /** The sizes actually used. */
  sizes: { rows: number; repeats: number; regionBatches: number; regionBatchSize: number; crops: number; chunk: number | null };
  seconds: { runs: number[]; median: number };
  /** Unmeasured warm-up runs before the timed ones. */
  warmup: number;
  flops: number;
  gflopPerSecond: number;
  /** True when the sizes used are the official ones for this case (FLOPs equal). */
  officialSizes: boolean;
  /** Only when smaller sizes were used: the median scaled by FLOPs(official)/FLOPs(used) — extrapolated, not measured. */
  extrapolatedToOfficial?: { seconds: number; method: string };
  /** A whole official-settings search (default masks) at this case's achieved FLOP rate. */
  searchAtThisRate: { seconds: number; searchFlops: number };
  reference?: { seconds: number; source: string; ratio: number; ratioOf: 'measured' | 'extrapolated' };
  details: BenchDetails;
  tensorsLeaked: number;
}

export function summarise(
  what: BenchCase,
  s: Settings,
  chunk: number | undefined,
  runs: number[],
  warmup: number,
  details: BenchDetails,
  tensorsLeaked: number,
): CaseResult {
  const m = median(runs);
  const flops = caseFlops(what, s, details);
  const official = officialLike(s);
  const officialFlops = caseFlops(what, official, details);
  const officialSizes = Math.abs(officialFlops - flops) <= 1e-9 * officialFlops;
  const rate = flops / m;
  const searchFlops = caseFlops('search', official);
  const out: CaseResult = {
    what,
    description: BENCH_DESCRIPTIONS[what],
    sizes: {
      rows: s.batchSize,
      repeats: s.repeats,
      regionBatches: s.regionBatches,
      regionBatchSize: s.regionBatchSize,
      crops: s.regionBatches * s.regionBatchSize,
      chunk: chunk ?? null,
    },
    seconds: { runs, median: m },
    warmup,
    flops,
    gflopPerSecond: rate / 1e9,
    officialSizes,
    searchAtThisRate: { seconds: searchFlops / rate, searchFlops },
    details,
    tensorsLeaked,
  };
  if (!officialSizes) {
    out.extrapolatedToOfficial = {
      seconds: (m * officialFlops) / flops,
      method: `EXTRAPOLATED, not measured: median × FLOPs(official sizes)/FLOPs(sizes used) = × ${(officialFlops / flops).toFixed(2)}${what === 'ntk' ? ` (≈ (72/${s.batchSize})²: rows × batch)` : ''}; assumes time ∝ FLOPs, so it over-estimates where fixed per-call costs dominate the small size`,
    };
  }
  const ref = REFERENCE[what];
  if (ref) {
    const ours = out.extrapolatedToOfficial?.seconds ?? m;
    out.reference = { ...ref, ratio: ours / ref.seconds, ratioOf: out.extrapolatedToOfficial ? 'extrapolated' : 'measured' };
  }
  return out;
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown cpu',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

const fmtS = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

export function printTable(rows: CaseResult[], log: (s: string) => void = console.log): void {
  const head = ['case', 'sizes', 'runs', 'median s', 'GFLOP', 'GFLOP/s', 'search at rate', 'vs PyTorch ref'];
  const body = rows.map((r) => [
    r.what,
    r.what === 'regions'
      ? `${r.sizes.crops} crops`
      : r.what === 'ntk'
        ? `${r.sizes.rows} rows`
        : `B ${r.sizes.rows}, ×${r.sizes.repeats}, ${r.sizes.crops} crops`,
    String(r.seconds.runs.length),
    fmtS(r.seconds.median) + (r.extrapolatedToOfficial ? ` (extrap. official ${fmtS(r.extrapolatedToOfficial.seconds)})` : ''),
    (r.flops / 1e9).toFixed(r.flops < 1e9 ? 4 : 2),
    r.gflopPerSecond.toFixed(2),
    `${fmtS(r.searchAtThisRate.seconds)} s`,
    r.reference
      ? `${r.reference.ratio.toFixed(2)}× of ${r.reference.seconds} s${r.reference.ratioOf === 'extrapolated' ? ' (extrap.)' : ''}`
      : '—',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  log(line(head));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) log(line(b));
  log(
    'vs PyTorch ref: our median (or extrapolated official-size time) / the reference time; < 1 is faster. "search at rate": a whole official search (default masks) at the achieved GFLOP/s.',
  );
}

export function writeResult(name: string, result: unknown): string {
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${name}`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
