/** Which cells a study scores: degenerate cells (as the network builder sees them) and seeded, stratified samples. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Nb201Table } from '../../../src/engine/data/nb201';
import { loadNb201 } from '../../../src/engine/data/nb201';
import { ntkGraph } from '../../../src/engine/measures/measure';
import { codeToOps, maskFromOps, NUM_CELLS, parseArch } from '../../../src/engine/model/nb201/space';
import type { Settings } from '../../../src/engine/model/settings';
import { PRESETS } from '../../../src/engine/model/settings';
import type { Peers } from '../../../src/engine/study/peers';
import { loadPeers } from '../../../src/engine/study/peers';
import { eligibleCells, isDegenerate, sampleCells } from '../../../src/engine/study/sampling';
import { nodeReadAsset } from '../../../src/node/assets';

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
