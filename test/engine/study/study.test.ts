/**
 * The correlation study: seeded (stratified) sampling, a tiny study on wasm
 * (rows, resume, cancel, dangling ops), CSV / JSON round trips, and the summary
 * on synthetic rows with known τ.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CifarData } from '../../../src/engine/data/cifar';
import { ntkGraph } from '../../../src/engine/measures/measure';
import type { Nb201Table } from '../../../src/engine/data/nb201';
import { loadNb201 } from '../../../src/engine/data/nb201';
import { nodeReadAsset } from '../../../src/node/assets';
import { setNodeBackend } from '../../../src/node/backend';
import { loadPeers } from '../../../src/engine/study/peers';
import type { Peers } from '../../../src/engine/study/peers';
import { scoreCell } from '../../../src/engine/study/score';
import { PRESETS } from '../../../src/engine/model/settings';
import type { Settings } from '../../../src/engine/model/settings';
import { NUM_CELLS, codeToOps, maskFromOps, opsToCode, parseArch } from '../../../src/engine/model/nb201/space';
import { kendallTau } from '../../../src/engine/study/stats';
import type { StudyRow } from '../../../src/engine/study/study';
import {
  StudyCancelled,
  StudyFileError,
  eligibleCells,
  isDegenerate,
  makeStudyFile,
  parseStudyCsv,
  parseStudyJson,
  runStudy,
  sampleCells,
  studyToCsv,
  studyToJson,
  summarizeStudy,
} from '../../../src/engine/study/study';
import { cifarData } from '../../helpers/engine';

const tiny: Settings = { ...PRESETS.quick, batchSize: 4, repeats: 1, regionBatches: 1, regionBatchSize: 100 };

let table: Nb201Table;
let peers: Peers;
beforeAll(async () => {
  const read = nodeReadAsset();
  [table, peers] = await Promise.all([loadNb201(read), loadPeers(read)]);
});

describe('degenerate and dangling cells', () => {
  it('isDegenerate covers every cell the network builder calls degenerate, and conv-on-zero cells', () => {
    let degenerate = 0;
    for (let c = 0; c < NUM_CELLS; c++) {
      const ops = codeToOps(c);
      const d = isDegenerate(ops);
      if (d) degenerate++;
      // Every structural zero of the engine is degenerate here (checked on a subset for speed).
      if (c % 5 === 0 && ntkGraph(maskFromOps(ops), tiny).degenerate) expect(d, `code ${c}`).toBe(true);
    }
    expect(eligibleCells()).toHaveLength(NUM_CELLS - degenerate);
    // Node 3's only input is a conv on node 2, which is zero: constant output, degenerate
    // both here and for the engine's graph builder.
    const convOnZero = parseArch('|none~0|+|none~0|none~1|+|none~0|none~1|nor_conv_1x1~2|').ops;
    expect(isDegenerate(convOnZero)).toBe(true);
    expect(ntkGraph(maskFromOps(convOnZero), tiny).degenerate).toBe(true);
    expect(isDegenerate(parseArch('|none~0|+|skip_connect~0|none~1|+|none~0|none~1|nor_conv_1x1~2|').ops)).toBe(false);
  });

  it('agrees with the engine graph builder on every cell', () => {
    for (let code = 0; code < NUM_CELLS; code += 7) {
      const ops = codeToOps(code);
      expect(isDegenerate(ops)).toBe(ntkGraph(maskFromOps(ops), tiny).degenerate);
    }
  });
});

describe('sampleCells', () => {
  it('is deterministic for a seed, distinct, non-degenerate, and grows by prefix', () => {
    const a = sampleCells(200, 0, { table });
    expect(sampleCells(200, 0, { table })).toEqual(a);
    expect(sampleCells(200, 1, { table })).not.toEqual(a);
    expect(new Set(a).size).toBe(200);
    expect(a.every((c) => Number.isInteger(c) && c >= 0 && c < NUM_CELLS && !isDegenerate(codeToOps(c)))).toBe(true);
    expect(sampleCells(500, 0, { table }).slice(0, 200)).toEqual(a);
    expect(sampleCells(100000, 0, { table })).toHaveLength(eligibleCells().length); // clamped
    expect(sampleCells(20000, 0, { table, includeDegenerate: true })).toHaveLength(NUM_CELLS);
    expect(() => sampleCells(0, 0, { table })).toThrow(RangeError);
  });

  it('draws from a pool when given one', () => {
    const pool = [...peers.naslib.cifar10.keys()];
    const s = sampleCells(50, 2, { table, pool });
    expect(s.every((c) => peers.naslib.cifar10.has(c))).toBe(true);
  });

  it('stratifies: equal counts from accuracy-quantile bins', () => {
    const n = 57;
    const s = sampleCells(n, 5, { table, stratified: true, dataset: 'cifar100', bins: 10 });
    expect(sampleCells(n, 5, { table, stratified: true, dataset: 'cifar100', bins: 10 })).toEqual(s);
    expect(new Set(s).size).toBe(n);
    // Recompute the bins: eligible cells sorted by CIFAR-100 test accuracy, then code.
    const acc = table.testAccuracies('cifar100');
    const sorted = eligibleCells().sort((a, b) => acc[a] - acc[b] || a - b);
    const pos = new Map(sorted.map((c, i) => [c, i]));
    const counts = new Array(10).fill(0);
    for (const c of s) {
      const p = pos.get(c)!;
      counts[counts.findIndex((_, b) => p < Math.floor(((b + 1) * sorted.length) / 10))]++;
    }
    expect(counts.every((k) => k === 5 || k === 6)).toBe(true);
    expect(counts.filter((k) => k === 6)).toHaveLength(7);
    // A uniform sample of the same size is not forced to be that even.
    const bins = (codes: number[]) => codes.map((c) => Math.floor((pos.get(c)! * 10) / sorted.length));
    expect(new Set(bins(s)).size).toBe(10);
    // Stratifying all eligible cells returns them all.
    expect(new Set(sampleCells(sorted.length, 1, { table, stratified: true })).size).toBe(sorted.length);
  });
});

describe('a tiny study on wasm', () => {
  let data: CifarData;
  // A plain cell, a cell with dangling convs (node 2 feeds nothing), and one more.
  const codes = [
    '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|',
    '|skip_connect~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|none~0|nor_conv_1x1~1|none~2|',
    '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|avg_pool_3x3~2|',
  ].map((a) => parseArch(a).code);
  let rows: StudyRow[];

  beforeAll(async () => {
    await setNodeBackend('wasm');
    data = await cifarData();
    const before = tf.memory().numTensors;
    rows = [];
    const progress: number[] = [];
    for await (const r of runStudy(data, tiny, 0, codes, { table, onProgress: (p) => progress.push(p.done) })) rows.push(r);
    expect(progress).toEqual([1, 2, 3]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('yields one finite row per cell, in order', () => {
    expect(rows.map((r) => r.code)).toEqual(codes);
    for (const r of rows) {
      expect(r.degenerate).toBe(false);
      expect(r.index).toBe(table.indexOf(r.code));
      expect(r.arch).toBe(table.byCode(r.code).arch);
      expect(r.kappaRepeats).toHaveLength(1);
      expect(Number.isFinite(r.kappa!)).toBe(true);
      expect(r.kappa).toBe(r.kappaRepeats[0]);
      expect(r.regions).toBeGreaterThan(1);
      expect(r.ms).toBeGreaterThan(0);
    }
  });

  it('scores plain cells exactly as scoreCell does', async () => {
    const s = await scoreCell(data, tiny, 0, codeToOps(codes[0]));
    expect(rows[0].kappaRepeats).toEqual(s.kappa);
    expect(rows[0].regionsRepeats).toEqual(s.regions);
  });

  it('measures cells with convs that cannot reach the output (zero Jacobian columns, as in PyTorch)', async () => {
    // Node 2 feeds nothing (3<-2 is none): its convs get no gradient, yet κ_N is defined.
    const ops = parseArch('|skip_connect~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|none~0|nor_conv_1x1~1|none~2|').ops;
    const s = await scoreCell(data, tiny, 0, ops);
    expect(s.degenerate).toBe(false);
    for (const k of s.kappa) expect(Number.isFinite(k) && k > 0).toBe(true);
  });

  it('is deterministic, and resume skips the cells already done', async () => {
    const again: StudyRow[] = [];
    for await (const r of runStudy(data, tiny, 0, codes, { table, resume: rows.slice(0, 2) })) again.push(r);
    expect(again.map((r) => r.code)).toEqual([codes[2]]);
    expect({ ...again[0], ms: 0 }).toEqual({ ...rows[2], ms: 0 });
  });

  it('stops with StudyCancelled when the signal fires', async () => {
    const ac = new AbortController();
    const got: StudyRow[] = [];
    await expect(
      (async () => {
        for await (const r of runStudy(data, tiny, 0, codes, { table, signal: ac.signal })) {
          got.push(r);
          ac.abort();
        }
      })(),
    ).rejects.toBeInstanceOf(StudyCancelled);
    expect(got).toHaveLength(1);
  });

  it('round-trips through CSV and JSON', () => {
    const csv = studyToCsv(rows, table, peers);
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      'code,index,arch,degenerate,kappa,regions,rank_sum,kappa_repeats,regions_repeats,ms,cifar10_test,cifar100_test,imagenet16_test,naswot',
    );
    expect(lines[1]).toContain(String(table.accuracy('cifar10', codes[0])));
    expect(parseStudyCsv(csv)).toEqual(rows);

    const file = makeStudyFile({
      seed: 0,
      settings: tiny,
      backend: 'wasm',
      sample: { n: 3, stratified: false, dataset: 'cifar10', includeDegenerate: false, pool: 'all' },
      codes,
      rows,
      durationMs: 1,
      summary: summarizeStudy(rows, table, peers, { bootstrap: false }),
    });
    const back = parseStudyJson(studyToJson(file));
    expect(back.rows).toEqual(rows);
    expect(back.settings).toEqual(tiny);
    expect(back.codes).toEqual(codes);
    expect(() => parseStudyJson('{"format":"x"}')).toThrow(StudyFileError);
    expect(() => parseStudyJson(studyToJson({ ...file, rows: [{ ...rows[0], arch: rows[1].arch }] }))).toThrow(/does not match/);
  });
});

describe('summarizeStudy', () => {
  // Five cells with distinct CIFAR-10 accuracies, in ascending accuracy.
  let codes: number[];
  const row = (code: number, kappa: number | null, regions: number | null): StudyRow => ({
    code,
    index: table.indexOf(code),
    arch: table.byCode(code).arch,
    degenerate: kappa === null,
    kappa,
    kappaRepeats: kappa === null ? [] : [kappa],
    regions,
    regionsRepeats: regions === null ? [] : [regions],
    ms: 1,
  });
  beforeAll(() => {
    const acc = table.testAccuracies('cifar10');
    const picked = new Map<number, number>();
    for (const c of sampleCells(200, 9, { table })) if (![...picked.values()].includes(acc[c])) picked.set(c, acc[c]);
    codes = [...picked.keys()].slice(0, 5).sort((a, b) => acc[a] - acc[b]);
  });

  it('gives the known τ on synthetic rows', () => {
    // Accuracy ascending; κ descending (perfect for a lower-is-better score);
    // R = [2, 1, 3, 3, 5]: 8 concordant, 1 discordant, 1 pair tied in R → τ-b = 7 / √(10 · 9).
    const kappa = [50, 40, 30, 20, 10];
    const regions = [2, 1, 3, 3, 5];
    const rows = [...codes.map((c, i) => row(c, kappa[i], regions[i])), row(opsToCode([0, 0, 0, 0, 0, 0]), null, null)];
    const s = summarizeStudy(rows, table, null, { bootstrap: { resamples: 200, seed: 1 } });
    expect(s.rows).toBe(6);
    expect(s.scored).toBe(5);
    expect(s.degenerate).toBe(1);
    const c10 = s.datasets.cifar10;
    expect(c10.map((m) => m.measure)).toEqual(['kappa', 'regions', 'rankSum']);
    expect(c10[0].stat.tau).toBe(-1);
    expect(c10[0].stat.rho).toBeCloseTo(-1, 14);
    expect(c10[0].stat.n).toBe(5);
    expect(c10[1].stat.tau).toBeCloseTo(7 / Math.sqrt(90), 14);
    expect(c10[1].stat.tauCI![0]).toBeLessThanOrEqual(c10[1].stat.tau);
    expect(c10[1].stat.tauCI![1]).toBeGreaterThanOrEqual(c10[1].stat.tau);
    expect(c10[0].goodSign).toBe(-1);
    expect(c10[1].goodSign).toBe(1);
    // Rank sum: κ ranks [5,4,3,2,1] + R ranks (highest first) [4,5,2.5,2.5,1] = [9,9,5.5,4.5,2].
    // Against ascending accuracy: 9 discordant pairs, 1 tie (the two 9s) → τ-b = −9 / √(10 · 9).
    expect(c10[2].stat.tau).toBeCloseTo(-9 / Math.sqrt(90), 14);
    // Other datasets use their own accuracies.
    const acc100 = codes.map((c) => table.accuracy('cifar100', c));
    expect(s.datasets.cifar100[0].stat.tau).toBeCloseTo(kendallTau(kappa, acc100).value, 14);
  });

  it('compares peers on the intersection, with κ_N, R_N and rank sum on the same cells', () => {
    const inSuite = [...peers.naslib.cifar10.keys()].slice(0, 6);
    const outside = sampleCells(40, 3, { table })
      .filter((c) => !peers.naslib.cifar10.has(c))
      .slice(0, 4);
    const all = [...inSuite, ...outside];
    const rows = all.map((c, i) => row(c, 10 + ((i * 7) % 5), 100 + i));
    const s = summarizeStudy(rows, table, peers, { bootstrap: false, datasets: ['cifar10'] });
    const byId = new Map(s.datasets.cifar10.map((m) => [m.measure, m]));
    expect(byId.get('kappa')!.stat.n).toBe(10);
    const synflow = byId.get('naslib:synflow')!;
    expect(synflow.group).toBe('naslib');
    expect(synflow.stat.n).toBe(6);
    expect(synflow.stat.tauCI).toBeNull();
    const acc = inSuite.map((c) => table.accuracy('cifar10', c));
    expect(synflow.stat.tau).toBeCloseTo(
      kendallTau(
        inSuite.map((c) => peers.naslib.cifar10.get(c)!.synflow),
        acc,
      ).value,
      14,
    );
    expect(synflow.sameCells!.kappa.tau).toBeCloseTo(
      kendallTau(
        rows.slice(0, 6).map((r) => r.kappa!),
        acc,
      ).value,
      14,
    );
    expect(synflow.sameCells!.kappa.n).toBe(6);
    const naswot = byId.get('naswot')!;
    expect(naswot.stat.n).toBe(all.filter((c) => Number.isFinite(peers.naswot[c])).length);
  });
});
