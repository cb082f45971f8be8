/**
 * The expressivity picture: a thin network's linear regions on a 2-D slice of
 * its input space.
 *
 * The slice is the plane through three real 3 × 3 crops of the batch R_N was
 * measured on (A at the top left, B at the top right, C at the bottom left:
 * the point at (u, v) ∈ [0, 1]² is A + u (B − A) + v (C − A)). A `size` ×
 * `size` grid of points on it gets each point's ReLU activation pattern with
 * the BatchNorms frozen at that batch's statistics (./frozen-patterns), so
 * the picture shows the very function whose regions R_N counted. Every
 * distinct pattern is a region; they are numbered in the order met (row by
 * row) and coloured by ./region-colours.
 */
import type { Graph } from '../model/graph';
import type { Weights } from '../model/weights';
import { type BnStatistics, frozenPatterns } from './frozen-patterns';
import { compileFrozen } from './frozen-program';
import { regionImage } from './region-colours';

/** Side of the grid of points, by default (200 × 200 = 40,000 patterns). */
export const SLICE_SIZE = 200;
const CROP = 9;
/** Points per pass (bounds the memory of the float64 layers). */
const CHUNK = 4000;
/** Candidates for the plane's second and third crops: the first this many of the batch. */
const CORNER_POOL = 100;

export interface RegionSlice {
  size: number;
  /** Region number of every grid point, row by row from the top left (A). */
  ids: Int32Array;
  /** Distinct activation patterns on the plane's grid points. */
  regions: number;
  /** Length of a pattern. */
  neurons: number;
  /** The picture: `size` × `size` RGBA, regions in colours that differ between neighbours, borders dark. */
  rgba: Uint8ClampedArray;
  /** Which crops of the reference batch span the plane (A, B, C). */
  corners: [number, number, number];
}

const sub = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from({ length: CROP }, (_, i) => a[i] - b[i]);
const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
const cropAt = (crops: Float32Array, k: number) => crops.subarray(k * CROP, (k + 1) * CROP);

/**
 * Three crops that span a wide plane: the first crop, the one of the first
 * 100 farthest from it, and the one farthest from the line through those two.
 */
export function pickCorners(crops: Float32Array): [number, number, number] {
  const n = Math.min(crops.length / CROP, CORNER_POOL);
  if (n < 3) throw new Error(`a plane needs 3 crops, the batch has ${n}`);
  const a = cropAt(crops, 0);
  let b = 1;
  let best = -1;
  for (let k = 1; k < n; k++) {
    const d = sub(cropAt(crops, k), a);
    if (dot(d, d) > best) [best, b] = [dot(d, d), k];
  }
  const ab = sub(cropAt(crops, b), a);
  const abab = dot(ab, ab) || 1;
  let c = b === 1 ? 2 : 1;
  best = -1;
  for (let k = 1; k < n; k++) {
    if (k === b) continue;
    const d = sub(cropAt(crops, k), a);
    const t = dot(d, ab) / abab;
    const r = d.map((x, i) => x - t * ab[i]);
    if (dot(r, r) > best) [best, c] = [dot(r, r), k];
  }
  return [0, b, c];
}

/** The grid points of the plane through crops A, B, C: [size², 3, 3, 1] row-major, row by row from A. */
export function planePoints(a: ArrayLike<number>, b: ArrayLike<number>, c: ArrayLike<number>, size: number): Float32Array {
  const out = new Float32Array(size * size * CROP);
  const ab = sub(b, a);
  const ac = sub(c, a);
  for (let y = 0; y < size; y++) {
    const v = y / (size - 1);
    for (let x = 0; x < size; x++) {
      const u = x / (size - 1);
      const o = (y * size + x) * CROP;
      for (let i = 0; i < CROP; i++) out[o + i] = a[i] + u * ab[i] + v * ac[i];
    }
  }
  return out;
}

/** Numbers distinct rows of [n × neurons] 0/1 matrices in the order met, block after block. */
class RegionNumbering {
  private readonly seen = new Map<string, number>();
  private readonly words: Uint32Array;

  constructor(private readonly neurons: number) {
    this.words = new Uint32Array(Math.ceil(neurons / 32));
  }

  get count(): number {
    return this.seen.size;
  }

  /** Writes the numbers of the n rows of `bits` into ids[at..at + n). */
  number(bits: Uint8Array, n: number, ids: Int32Array, at: number): void {
    const { neurons, words, seen } = this;
    for (let i = 0; i < n; i++) {
      words.fill(0);
      const o = i * neurons;
      for (let j = 0; j < neurons; j++) if (bits[o + j]) words[j >>> 5] |= 1 << (j & 31);
      const key = String.fromCharCode(...new Uint16Array(words.buffer));
      let id = seen.get(key);
      if (id === undefined) {
        id = seen.size;
        seen.set(key, id);
      }
      ids[at + i] = id;
    }
  }
}

/** Numbers the distinct rows of a [n × neurons] 0/1 matrix in the order met; `count` of them. */
export function regionIds(bits: Uint8Array, n: number, neurons: number): { ids: Int32Array; count: number } {
  const numbering = new RegionNumbering(neurons);
  const ids = new Int32Array(n);
  numbering.number(bits, n, ids, 0);
  return { ids, count: numbering.count };
}

/** The patterns of the plane's grid points, CHUNK at a time, with the BatchNorm statistics of the reference batch. */
function eachChunk(
  g: Graph,
  weights: Weights,
  stats: BnStatistics,
  points: Float32Array,
  use: (bits: Uint8Array, neurons: number, start: number, m: number) => void,
): void {
  const n = points.length / CROP;
  const program = compileFrozen(g, weights, stats, [3, 3, 1]);
  const bits = new Uint8Array(Math.min(CHUNK, n) * program.neurons);
  for (let start = 0; start < n; start += CHUNK) {
    const m = Math.min(CHUNK, n - start);
    program.run(points.subarray(start * CROP, (start + m) * CROP), m, bits);
    use(bits, program.neurons, start, m);
  }
}

/** The patterns of the plane's grid points, with the BatchNorm statistics of the reference batch. */
export function planePatterns(
  g: Graph,
  weights: Weights,
  stats: BnStatistics,
  points: Float32Array,
): { bits: Uint8Array; neurons: number } {
  let all = new Uint8Array(0);
  let length = 0;
  eachChunk(g, weights, stats, points, (bits, neurons, start, m) => {
    if (start === 0) all = new Uint8Array((points.length / CROP) * neurons);
    length = neurons;
    all.set(bits.subarray(0, m * neurons), start * neurons);
  });
  return { bits: all, neurons: length };
}

/** The region number of each grid point of the plane, numbered chunk by chunk (the patterns of all points are never held at once). */
function planeRegionIds(g: Graph, weights: Weights, stats: BnStatistics, points: Float32Array) {
  const ids = new Int32Array(points.length / CROP);
  let numbering: RegionNumbering | null = null;
  let length = 0;
  eachChunk(g, weights, stats, points, (bits, neurons, start, m) => {
    numbering ??= new RegionNumbering(neurons);
    length = neurons;
    numbering.number(bits, m, ids, start);
  });
  return { ids, count: (numbering as RegionNumbering | null)?.count ?? 0, neurons: length };
}

/**
 * The picture of `g`'s regions on the plane through three crops of
 * `reference` (the batch R_N was measured on, [n, 3, 3, 1]); `corners`
 * defaults to {@link pickCorners}, so two networks on the same batch share
 * their plane.
 */
export function regionSlice(
  g: Graph,
  weights: Weights,
  reference: Float32Array,
  opts: { size?: number; corners?: [number, number, number] } = {},
): RegionSlice {
  const size = opts.size ?? SLICE_SIZE;
  const corners = opts.corners ?? pickCorners(reference);
  const { stats } = frozenPatterns(g, weights, reference, [reference.length / CROP, 3, 3, 1]);
  const [a, b, c] = corners.map((k) => cropAt(reference, k));
  const { ids, count, neurons } = planeRegionIds(g, weights, stats, planePoints(a, b, c, size));
  return { size, ids, regions: count, neurons, rgba: regionImage(ids, size, count), corners };
}
