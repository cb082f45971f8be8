/**
 * NAS-Bench-201 ground truth (200-epoch accuracies of all 15,625 cells), loaded from the
 * compact binary asset public/data/nb201.bin that scripts/build-data.ts writes.
 *
 * Asset format (little-endian), rows ordered by base-5 cell code 0..15624:
 *   bytes 0..7   ASCII 'NB201TAB'
 *   uint32       version (1)
 *   uint32       count (15625)
 *   uint32       scale (1000: accuracies are stored as round(percent × 1000))
 *   uint32       columns (7)
 *   uint16[count]        official NAS-Bench-201 index of each code
 *   uint32[count] × 6    accuracies × 1000, in NB201_COLUMNS order
 * Values are exact: 94373 / 1000 === 94.373, as in the CSV.
 */
import { z } from 'zod';
import { AssetError, type ReadAsset } from './assets';
import { firstIssue } from './zod-message';
import { NUM_CELLS, codeToOps, opsToArch, opsToCode, parseArch } from '../model/nb201/space';

/** File name of the table under public/data. */
export const NB201_FILE = 'nb201.bin';

export const DATASETS = ['cifar10', 'cifar100', 'imagenet16'] as const;
export type Nb201Dataset = (typeof DATASETS)[number];

/** Accuracy columns of the CSV, in asset order (val, test per dataset). */
export const NB201_COLUMNS = [
  'cifar10_valid_val',
  'cifar10_test',
  'cifar100_val',
  'cifar100_test',
  'imagenet16_val',
  'imagenet16_test',
] as const;

const MAGIC = 'NB201TAB';
const VERSION = 1;
const SCALE = 1000;
const HEADER_BYTES = 24;
const NUM_COLUMNS = 1 + NB201_COLUMNS.length;

/** Byte length of a valid asset holding `count` rows. */
export function nb201ByteLength(count = NUM_CELLS): number {
  return HEADER_BYTES + count * 2 + count * 4 * NB201_COLUMNS.length;
}

export interface Nb201Accuracy {
  /** Validation accuracy (%); for CIFAR-10 this is cifar10_valid_val. */
  val: number;
  /** Test accuracy (%). */
  test: number;
}

export interface Nb201Row {
  /** Official NAS-Bench-201 index. */
  index: number;
  /** Base-5 cell code (see space.ts). */
  code: number;
  arch: string;
  ops: number[];
  cifar10: Nb201Accuracy;
  cifar100: Nb201Accuracy;
  imagenet16: Nb201Accuracy;
}

/** Raw columns, by cell code: what the asset stores. */
export interface Nb201Columns {
  /** Official index of each code. */
  index: ArrayLike<number>;
  /** Accuracies × 1000 (integers), one array per NB201_COLUMNS entry. */
  milli: ArrayLike<number>[];
}

/** Dataset of a classifier with n classes: 10 → cifar10, 100 → cifar100, 120 → imagenet16. */
export function datasetForClasses(n: number): Nb201Dataset {
  if (n === 10) return 'cifar10';
  if (n === 100) return 'cifar100';
  if (n === 120) return 'imagenet16';
  throw new Error(`no NAS-Bench-201 dataset has ${n} classes (expected 10, 100 or 120)`);
}

/** Serialises the columns to the asset format (used by the build script and tests). */
export function encodeNb201(cols: Nb201Columns): Uint8Array {
  const count = cols.index.length;
  if (cols.milli.length !== NB201_COLUMNS.length || cols.milli.some((c) => c.length !== count)) {
    throw new Error(`encodeNb201: need ${NB201_COLUMNS.length} accuracy columns of ${count} values`);
  }
  const out = new Uint8Array(nb201ByteLength(count));
  const dv = new DataView(out.buffer);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  dv.setUint32(8, VERSION, true);
  dv.setUint32(12, count, true);
  dv.setUint32(16, SCALE, true);
  dv.setUint32(20, NUM_COLUMNS, true);
  let off = HEADER_BYTES;
  for (let c = 0; c < count; c++, off += 2) dv.setUint16(off, cols.index[c], true);
  for (const col of cols.milli) {
    for (let c = 0; c < count; c++, off += 4) {
      const v = col[c];
      if (!Number.isInteger(v) || v < 0 || v > 100 * SCALE) throw new Error(`encodeNb201: bad accuracy ${v} at code ${c}`);
      dv.setUint32(off, v, true);
    }
  }
  return out;
}

const headerSchema = z.object({
  magic: z.literal(MAGIC, { error: `not a NAS-Bench-201 table (expected it to start with '${MAGIC}')` }),
  version: z.literal(VERSION, { error: (i) => `unsupported version ${String(i.input)} (expected ${VERSION})` }),
  count: z.literal(NUM_CELLS, { error: (i) => `wrong row count ${String(i.input)} (expected ${NUM_CELLS})` }),
  scale: z.literal(SCALE, { error: (i) => `wrong scale ${String(i.input)} (expected ${SCALE})` }),
  columns: z.literal(NUM_COLUMNS, { error: (i) => `wrong column count ${String(i.input)} (expected ${NUM_COLUMNS})` }),
});

const indexSchema = z
  .array(
    z
      .int()
      .min(0)
      .max(NUM_CELLS - 1),
  )
  .length(NUM_CELLS)
  .superRefine((idx, ctx) => {
    const seen = new Uint8Array(NUM_CELLS);
    for (let c = 0; c < idx.length; c++) {
      if (seen[idx[c]]) {
        ctx.addIssue({ code: 'custom', message: `official index ${idx[c]} appears twice (again at code ${c})` });
        return;
      }
      seen[idx[c]] = 1;
    }
  });

const accuracySchema = z
  .array(
    z
      .int()
      .min(0, 'negative accuracy')
      .max(100 * SCALE, 'accuracy above 100%'),
  )
  .length(NUM_CELLS);

/**
 * Parses and validates the asset bytes. Throws AssetError naming `fileName` and the
 * problem (missing header, wrong magic, truncated, wrong length, invalid values).
 */
export function parseNb201(bytes: Uint8Array | ArrayBuffer, fileName: string = NB201_FILE): Nb201Table {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (u8.length === 0) throw new AssetError(fileName, 'is empty');
  if (u8.length < HEADER_BYTES) {
    throw new AssetError(fileName, `truncated: ${u8.length} bytes, shorter than the ${HEADER_BYTES}-byte header`);
  }
  const dv = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const header = headerSchema.safeParse({
    magic: String.fromCharCode(...u8.subarray(0, MAGIC.length)),
    version: dv.getUint32(8, true),
    count: dv.getUint32(12, true),
    scale: dv.getUint32(16, true),
    columns: dv.getUint32(20, true),
  });
  if (!header.success) throw new AssetError(fileName, header.error.issues[0].message); // messages are self-contained
  const expected = nb201ByteLength(NUM_CELLS);
  if (u8.length < expected) throw new AssetError(fileName, `truncated: ${u8.length} bytes, expected ${expected}`);
  if (u8.length > expected) throw new AssetError(fileName, `wrong length: ${u8.length} bytes, expected ${expected} (trailing data)`);

  let off = HEADER_BYTES;
  const index = new Array<number>(NUM_CELLS);
  for (let c = 0; c < NUM_CELLS; c++, off += 2) index[c] = dv.getUint16(off, true);
  const idx = indexSchema.safeParse(index);
  if (!idx.success) throw new AssetError(fileName, `index column ${firstIssue(idx.error)}`);
  const milli: Int32Array[] = [];
  for (const name of NB201_COLUMNS) {
    const col = new Array<number>(NUM_CELLS);
    for (let c = 0; c < NUM_CELLS; c++, off += 4) col[c] = dv.getUint32(off, true);
    const res = accuracySchema.safeParse(col);
    if (!res.success) throw new AssetError(fileName, `column ${name} ${firstIssue(res.error)}`);
    milli.push(Int32Array.from(col));
  }
  return new Nb201Table(Uint16Array.from(index), milli);
}

/** Reads and parses public/data/nb201.bin. */
export async function loadNb201(read: ReadAsset): Promise<Nb201Table> {
  return parseNb201(await read(NB201_FILE), NB201_FILE);
}

/** Number of entries of an ascending array that are <= v. */
function upperBound(sorted: Int32Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The NAS-Bench-201 table, indexed by base-5 code and by official index. */
export class Nb201Table {
  /** Number of cells (15625). */
  readonly size: number;
  private readonly indexOfCode: Uint16Array;
  private readonly codeOfIndex: Uint16Array;
  /** Accuracies × 1000 by code, in NB201_COLUMNS order. */
  private readonly milli: Int32Array[];
  /** Test accuracies × 1000, ascending, per dataset. */
  private readonly sortedTest: Int32Array[];

  /** Use parseNb201 / loadNb201; columns are by code and assumed validated. */
  constructor(indexOfCode: Uint16Array, milli: Int32Array[]) {
    this.size = indexOfCode.length;
    this.indexOfCode = indexOfCode;
    this.milli = milli;
    this.codeOfIndex = new Uint16Array(this.size);
    for (let c = 0; c < this.size; c++) this.codeOfIndex[indexOfCode[c]] = c;
    this.sortedTest = DATASETS.map((_, d) => Int32Array.from(milli[2 * d + 1]).sort());
  }

  private col(dataset: Nb201Dataset, split: 'val' | 'test'): Int32Array {
    const d = DATASETS.indexOf(dataset);
    if (d < 0) throw new Error(`unknown dataset ${JSON.stringify(dataset)}; expected one of ${DATASETS.join(', ')}`);
    return this.milli[2 * d + (split === 'test' ? 1 : 0)];
  }

  private checkCode(code: number): void {
    if (!Number.isInteger(code) || code < 0 || code >= this.size) {
      throw new RangeError(`cell code must be an integer 0..${this.size - 1}, got ${code}`);
    }
  }

  /** Row of a base-5 code. */
  byCode(code: number): Nb201Row {
    this.checkCode(code);
    const ops = codeToOps(code);
    const acc = (d: number): Nb201Accuracy => ({
      val: this.milli[2 * d][code] / SCALE,
      test: this.milli[2 * d + 1][code] / SCALE,
    });
    return {
      index: this.indexOfCode[code],
      code,
      arch: opsToArch(ops),
      ops,
      cifar10: acc(0),
      cifar100: acc(1),
      imagenet16: acc(2),
    };
  }

  /** Row of a cell given its op indices (EDGES order). */
  byOps(ops: readonly number[]): Nb201Row {
    return this.byCode(opsToCode(ops));
  }

  /** Row of an arch string (throws ArchError if malformed). */
  byArch(arch: string): Nb201Row {
    return this.byCode(parseArch(arch).code);
  }

  /** Row of an official NAS-Bench-201 index. */
  byIndex(officialIndex: number): Nb201Row {
    return this.byCode(this.codeOf(officialIndex));
  }

  /** Official index → base-5 code. */
  codeOf(officialIndex: number): number {
    if (!Number.isInteger(officialIndex) || officialIndex < 0 || officialIndex >= this.size) {
      throw new RangeError(`official index must be an integer 0..${this.size - 1}, got ${officialIndex}`);
    }
    return this.codeOfIndex[officialIndex];
  }

  /** Base-5 code → official index. */
  indexOf(code: number): number {
    this.checkCode(code);
    return this.indexOfCode[code];
  }

  /** Test (or val) accuracy in percent of one cell. */
  accuracy(dataset: Nb201Dataset, code: number, split: 'val' | 'test' = 'test'): number {
    this.checkCode(code);
    return this.col(dataset, split)[code] / SCALE;
  }

  /** 1 + number of cells with strictly higher test accuracy (ties share a rank). O(log n). */
  rank(dataset: Nb201Dataset, code: number): number {
    this.checkCode(code);
    return this.rankOfMilli(dataset, this.col(dataset, 'test')[code]);
  }

  /** Rank a hypothetical test accuracy (percent) would have among all cells. */
  rankOfAccuracy(dataset: Nb201Dataset, testAccuracy: number): number {
    // Accuracies are exact multiples of 0.001: compare on the integer grid.
    const m = testAccuracy * SCALE;
    const v = Math.abs(m - Math.round(m)) < 1e-6 ? Math.round(m) : m;
    return this.rankOfMilli(dataset, v);
  }

  private rankOfMilli(dataset: Nb201Dataset, v: number): number {
    this.col(dataset, 'test');
    const sorted = this.sortedTest[DATASETS.indexOf(dataset)];
    return 1 + sorted.length - upperBound(sorted, v);
  }

  /**
   * The cell with the highest test accuracy. Ties (CIFAR-10 has two cells at 94.373)
   * are broken by higher val accuracy, then by lower official index.
   */
  best(dataset: Nb201Dataset): Nb201Row {
    const test = this.col(dataset, 'test');
    const val = this.col(dataset, 'val');
    let bestCode = 0;
    for (let c = 1; c < this.size; c++) {
      const b = bestCode;
      if (
        test[c] > test[b] ||
        (test[c] === test[b] && (val[c] > val[b] || (val[c] === val[b] && this.indexOfCode[c] < this.indexOfCode[b])))
      ) {
        bestCode = c;
      }
    }
    return this.byCode(bestCode);
  }

  /** Test accuracies (percent) of all cells, by code (a fresh copy). */
  testAccuracies(dataset: Nb201Dataset): Float64Array {
    return Float64Array.from(this.col(dataset, 'test'), (v) => v / SCALE);
  }

  /** Validation accuracies (percent) of all cells, by code (a fresh copy). */
  valAccuracies(dataset: Nb201Dataset): Float64Array {
    return Float64Array.from(this.col(dataset, 'val'), (v) => v / SCALE);
  }

  /** Same as the free function datasetForClasses. */
  datasetForClasses(n: number): Nb201Dataset {
    return datasetForClasses(n);
  }
}
