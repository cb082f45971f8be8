import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { AssetError } from '../../../src/engine/data/assets';
import {
  DATASETS,
  NB201_FILE,
  type Nb201Table,
  datasetForClasses,
  encodeNb201,
  loadNb201,
  nb201ByteLength,
  parseNb201,
} from '../../../src/engine/data/nb201';
import { nodeReadAsset } from '../../../src/node/assets';
import { ArchError, NUM_CELLS, codeToOps, opsToArch, parseArch } from '../../../src/engine/model/nb201/space';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CSV = resolve(ROOT, process.env.SHARED_DATA ?? '../shared/data', 'nb201/nb201_accuracy.csv');
const ROW1 = '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|';

let table: Nb201Table;
let bytes: Uint8Array;
beforeAll(async () => {
  bytes = await nodeReadAsset()(NB201_FILE);
  table = await loadNb201(nodeReadAsset());
});

function assetError(fn: () => unknown): AssetError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AssetError);
    return e as AssetError;
  }
  throw new Error('expected an AssetError');
}

describe('shipped NAS-Bench-201 table', () => {
  it('has 15625 rows and the published bests', () => {
    expect(table.size).toBe(15625);
    expect(bytes.length).toBe(nb201ByteLength());
    expect(table.best('cifar10').cifar10.test).toBe(94.373);
    expect(table.best('cifar100').cifar100.test).toBe(73.513);
    expect(table.best('imagenet16').imagenet16.test).toBe(47.311);
    expect(table.best('cifar100').arch).toBe(
      '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|',
    );
    for (const d of DATASETS) expect(table.rank(d, table.best(d).code)).toBe(1);
  });

  it('breaks the CIFAR-10 tie at 94.373 deterministically; both cells rank 1', () => {
    const tied = [6111, 13714].map((i) => table.byIndex(i));
    for (const r of tied) {
      expect(r.cifar10.test).toBe(94.373);
      expect(table.rank('cifar10', r.code)).toBe(1);
    }
    const best = table.best('cifar10');
    const expected = [...tied].sort((a, b) => b.cifar10.val - a.cifar10.val || a.index - b.index)[0];
    expect(best.index).toBe(expected.index);
  });

  it('looks up the known row index 1 every way', () => {
    const r = table.byIndex(1);
    expect(r.arch).toBe(ROW1);
    expect(r.cifar10).toEqual({ val: 90.769, test: 93.66 });
    expect(r.cifar100).toEqual({ val: 69.827, test: 70.293 });
    expect(r.imagenet16).toEqual({ val: 44.489, test: 44.033 });
    const code = parseArch(ROW1).code;
    expect(r.code).toBe(code);
    expect(r.ops).toEqual([3, 3, 4, 1, 3, 1]);
    expect(table.byArch(ROW1)).toEqual(r);
    expect(table.byCode(code)).toEqual(r);
    expect(table.byOps(r.ops)).toEqual(r);
    expect(table.codeOf(1)).toBe(code);
    expect(table.indexOf(code)).toBe(1);
    expect(table.accuracy('cifar10', code)).toBe(93.66);
    expect(table.accuracy('cifar10', code, 'val')).toBe(90.769);
    expect(() => table.byArch('|bogus~0|')).toThrow(ArchError);
    expect(() => table.byIndex(15625)).toThrow(RangeError);
    expect(() => table.byCode(-1)).toThrow(RangeError);
  });

  it('ranks = 1 + number of cells with strictly higher test accuracy (ties share a rank)', () => {
    for (const d of DATASETS) {
      const acc = table.testAccuracies(d);
      expect(acc).toHaveLength(NUM_CELLS);
      const desc = Array.from(acc).sort((a, b) => b - a);
      // Brute-force reference: first position of the value in descending order.
      const firstPos = new Map<number, number>();
      desc.forEach((v, i) => {
        if (!firstPos.has(v)) firstPos.set(v, i);
      });
      for (let code = 0; code < NUM_CELLS; code++) {
        const want = 1 + firstPos.get(acc[code])!;
        if (table.rank(d, code) !== want) throw new Error(`${d} code ${code}: rank ${table.rank(d, code)} !== ${want}`);
      }
      expect(table.rank(d, acc.indexOf(Math.min(...acc)))).toBe(1 + desc.filter((v) => v > desc[desc.length - 1]).length);
    }
    // 341 cells share the CIFAR-10 test accuracy 10.0: they all share one rank, the worst.
    const acc = table.testAccuracies('cifar10');
    const tenCodes = [...acc.keys()].filter((c) => acc[c] === 10);
    expect(tenCodes.length).toBeGreaterThan(1);
    const ranks = new Set(tenCodes.map((c) => table.rank('cifar10', c)));
    expect([...ranks]).toEqual([NUM_CELLS - tenCodes.length + 1]);
    expect(table.rankOfAccuracy('cifar10', 94.373)).toBe(1);
    expect(table.rankOfAccuracy('cifar10', 100)).toBe(1);
    expect(table.rankOfAccuracy('cifar10', 94.372)).toBe(3);
    expect(table.rankOfAccuracy('cifar10', 0)).toBe(NUM_CELLS + 1);
  });

  it('rank semantics on a synthetic table with ties', () => {
    const index = Array.from({ length: NUM_CELLS }, (_, c) => NUM_CELLS - 1 - c);
    const test = Array.from({ length: NUM_CELLS }, () => 50_000);
    test[7] = 90_000;
    test[8] = 90_000; // tie at the top
    test[9] = 80_000;
    const milli = [test, test, test, test, test, test].map((c) => [...c]);
    milli[0][8] = 1; // lower val: code 7 wins the tie in best()
    const t = parseNb201(encodeNb201({ index, milli }), 'synthetic.bin');
    expect(t.rank('cifar10', 7)).toBe(1);
    expect(t.rank('cifar10', 8)).toBe(1);
    expect(t.rank('cifar10', 9)).toBe(3);
    expect(t.rank('cifar10', 0)).toBe(4);
    expect(t.best('cifar10').code).toBe(7);
    expect(t.best('cifar100').code).toBe(8); // equal val: lower official index (8 → 15616)
    expect(t.byCode(7).index).toBe(NUM_CELLS - 8);
  });

  it('maps class counts to datasets', () => {
    expect(datasetForClasses(10)).toBe('cifar10');
    expect(datasetForClasses(100)).toBe('cifar100');
    expect(table.datasetForClasses(120)).toBe('imagenet16');
    expect(() => datasetForClasses(7)).toThrow(/no NAS-Bench-201 dataset has 7 classes/);
  });
});

describe('agreement with the shared CSV (../shared/data must be present, as in CI)', () => {
  it('every row: arch from the code equals the CSV arch, and all six values match exactly', () => {
    const lines = readFileSync(CSV, 'utf8').trim().split(/\r?\n/);
    expect(lines.length).toBe(NUM_CELLS + 1);
    const seen = new Set<number>();
    for (const line of lines.slice(1)) {
      const [index, arch, ...values] = line.split(',');
      const row = table.byIndex(Number(index));
      seen.add(row.code);
      if (opsToArch(codeToOps(row.code)) !== arch || row.arch !== arch) {
        throw new Error(`index ${index}: table arch ${row.arch} !== CSV ${arch}`);
      }
      const got = [row.cifar10.val, row.cifar10.test, row.cifar100.val, row.cifar100.test, row.imagenet16.val, row.imagenet16.test];
      for (let k = 0; k < 6; k++) {
        if (got[k] !== Number(values[k])) throw new Error(`index ${index} column ${k}: ${got[k]} !== ${values[k]}`);
      }
    }
    expect(seen.size).toBe(NUM_CELLS);
  });
});

describe('corrupt assets', () => {
  it('rejects empty, truncated, over-long and garbage data, naming the file', () => {
    let e = assetError(() => parseNb201(new Uint8Array(0), 'nb201.bin'));
    expect(e.file).toBe('nb201.bin');
    expect(e.message).toBe('nb201.bin: is empty');
    e = assetError(() => parseNb201(bytes.subarray(0, 10), 'nb201.bin'));
    expect(e.message).toMatch(/^nb201\.bin: truncated: 10 bytes, shorter than the 24-byte header/);
    e = assetError(() => parseNb201(bytes.subarray(0, bytes.length - 100), 'nb201.bin'));
    expect(e.message).toMatch(/^nb201\.bin: truncated: 406174 bytes, expected 406274/);
    const longer = new Uint8Array(bytes.length + 3);
    longer.set(bytes);
    expect(assetError(() => parseNb201(longer, 'x.bin')).message).toMatch(/^x\.bin: wrong length: 406277 bytes/);
    const garbage = new TextEncoder().encode('<!doctype html><html><body>not found</body></html>');
    expect(assetError(() => parseNb201(garbage, 'nb201.bin')).message).toMatch(/^nb201\.bin: not a NAS-Bench-201 table/);
  });

  it('rejects bad header fields and invalid values', () => {
    const badCount = bytes.slice();
    new DataView(badCount.buffer).setUint32(12, 100, true);
    expect(assetError(() => parseNb201(badCount, 'nb201.bin')).message).toMatch(/wrong row count 100 \(expected 15625\)/);
    const dup = bytes.slice();
    new DataView(dup.buffer).setUint16(24 + 2 * 5, new DataView(dup.buffer).getUint16(24, true), true);
    expect(assetError(() => parseNb201(dup, 'nb201.bin')).message).toMatch(/^nb201\.bin: index column .*appears twice/);
    const tooHigh = bytes.slice();
    new DataView(tooHigh.buffer).setUint32(24 + 2 * NUM_CELLS + 4 * (NUM_CELLS + 3), 100_001, true);
    expect(assetError(() => parseNb201(tooHigh, 'nb201.bin')).message).toMatch(
      /^nb201\.bin: column cifar10_test at 3: accuracy above 100%/,
    );
  });

  it('reports a missing file by name', async () => {
    await expect(loadNb201(nodeReadAsset(resolve(ROOT, 'does-not-exist')))).rejects.toThrow(/^nb201\.bin: missing/);
  });
});
