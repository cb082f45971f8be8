/**
 * The user's own images as a CifarData: 32 × 32 RGB pixels (NHWC uint8), with
 * a normalisation table built from the images' own per-channel mean and std
 * exactly as {@link NORM_LUT} is built from CIFAR-10's (float32 arithmetic).
 *
 * - channelStats: per-channel mean and (population) std on the 0..255 scale.
 * - normLutFrom: the 3 × 256 table `c * 256 + p` for given statistics.
 * - cifarFromPixels: a CifarData whose training set is the images (the test
 *   set is empty), carrying its own `lut`.
 * - parseCifarBinary: the CIFAR binary batch format (3073-byte records: label
 *   byte + 1024 R + 1024 G + 1024 B, planar, row-major; CIFAR-100's 3074-byte
 *   records with two label bytes are read too) into NHWC pixels.
 */
import type { CifarData } from './cifar';
import { IMAGE_BYTES, IMAGE_SIZE } from './cifar';

const f32 = Math.fround;

export interface ChannelStats {
  /** Per-channel mean, 0..255 scale. */
  mean: [number, number, number];
  /** Per-channel population standard deviation, 0..255 scale. */
  std: [number, number, number];
}

/** Mean and std of each channel over n NHWC images. */
export function channelStats(pixels: Uint8Array, n: number): ChannelStats {
  if (n < 1 || pixels.length < n * IMAGE_BYTES)
    throw new RangeError(`expected ${n} images of ${IMAGE_BYTES} bytes, got ${pixels.length} bytes`);
  const sum = [0, 0, 0];
  const sq = [0, 0, 0];
  const len = n * IMAGE_BYTES;
  for (let i = 0; i < len; i += 3) {
    for (let c = 0; c < 3; c++) {
      const p = pixels[i + c];
      sum[c] += p;
      sq[c] += p * p;
    }
  }
  const count = n * IMAGE_SIZE * IMAGE_SIZE;
  const mean = sum.map((s) => s / count) as ChannelStats['mean'];
  const std = sq.map((s, c) => Math.sqrt(Math.max(0, s / count - mean[c] ** 2))) as ChannelStats['std'];
  return { mean, std };
}

/** lut[c * 256 + p] = f32(f32(f32(p/255) − f32(mean_c/255)) / f32(std_c/255)), as NORM_LUT. */
export function normLutFrom(mean: readonly number[], std: readonly number[]): Float32Array {
  const names = ['red', 'green', 'blue'];
  for (let c = 0; c < 3; c++) {
    if (!Number.isFinite(mean[c]) || !Number.isFinite(std[c])) throw new RangeError(`the ${names[c]} channel's statistics are not finite`);
    if (std[c] <= 0) throw new RangeError(`the images do not vary in the ${names[c]} channel (std 0), so they cannot be normalised`);
  }
  const lut = new Float32Array(3 * 256);
  for (let c = 0; c < 3; c++) {
    const m = mean[c] / 255;
    const s = std[c] / 255;
    for (let p = 0; p < 256; p++) lut[c * 256 + p] = f32(f32(f32(p / 255) - f32(m)) / f32(s));
  }
  return lut;
}

/** A CifarData over n NHWC images, normalised with their own statistics (or `stats` if given). */
export function cifarFromPixels(pixels: Uint8Array, n: number, opts: { labels?: Uint8Array; stats?: ChannelStats } = {}): CifarData {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`need at least one image, got ${n}`);
  if (pixels.length !== n * IMAGE_BYTES)
    throw new RangeError(`expected ${n * IMAGE_BYTES} pixel bytes for ${n} images, got ${pixels.length}`);
  const stats = opts.stats ?? channelStats(pixels, n);
  return {
    train: pixels,
    trainLabels: opts.labels ?? new Uint8Array(n),
    test: new Uint8Array(0),
    testLabels: new Uint8Array(0),
    classes: [],
    numTrain: n,
    numTest: 0,
    lut: normLutFrom(stats.mean, stats.std),
  };
}

export class ImageFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'ImageFileError';
  }
}

/** Bytes of a CIFAR-10 binary record (label + 3 × 1024) and of a CIFAR-100 one (coarse + fine label + 3 × 1024). */
export const CIFAR10_RECORD = 1 + IMAGE_BYTES;
export const CIFAR100_RECORD = 2 + IMAGE_BYTES;

/** Reads a CIFAR binary batch into NHWC pixels and labels; throws ImageFileError saying what is wrong. */
export function parseCifarBinary(
  bytes: Uint8Array,
  fileName: string,
): { pixels: Uint8Array; labels: Uint8Array; n: number; record: number } {
  if (bytes.length === 0) throw new ImageFileError(fileName, 'the file is empty');
  const record = bytes.length % CIFAR10_RECORD === 0 ? CIFAR10_RECORD : bytes.length % CIFAR100_RECORD === 0 ? CIFAR100_RECORD : 0;
  if (record === 0) {
    throw new ImageFileError(
      fileName,
      `${bytes.length.toLocaleString('en')} bytes is not a whole number of CIFAR binary records (${CIFAR10_RECORD} bytes each: 1 label byte + 1024 red + 1024 green + 1024 blue)`,
    );
  }
  const n = bytes.length / record;
  const labelBytes = record - IMAGE_BYTES;
  const pixels = new Uint8Array(n * IMAGE_BYTES);
  const labels = new Uint8Array(n);
  const plane = IMAGE_SIZE * IMAGE_SIZE;
  for (let k = 0; k < n; k++) {
    const src = k * record;
    labels[k] = bytes[src + labelBytes - 1];
    const dst = k * IMAGE_BYTES;
    for (let i = 0; i < plane; i++) {
      pixels[dst + 3 * i] = bytes[src + labelBytes + i];
      pixels[dst + 3 * i + 1] = bytes[src + labelBytes + plane + i];
      pixels[dst + 3 * i + 2] = bytes[src + labelBytes + 2 * plane + i];
    }
  }
  return { pixels, labels, n, record };
}

/** Source rectangle of the centred square crop of a w × h image: [sx, sy, side]. */
export function centreSquare(w: number, h: number): [number, number, number] {
  const side = Math.min(w, h);
  return [Math.floor((w - side) / 2), Math.floor((h - side) / 2), side];
}

/** RGBA (e.g. ImageData) of one 32 × 32 image → RGB bytes written at `offset` of `out`. */
export function rgbaToRgb(rgba: Uint8ClampedArray | Uint8Array, out: Uint8Array, offset: number): void {
  const n = IMAGE_SIZE * IMAGE_SIZE;
  for (let i = 0; i < n; i++) {
    out[offset + 3 * i] = rgba[4 * i];
    out[offset + 3 * i + 1] = rgba[4 * i + 1];
    out[offset + 3 * i + 2] = rgba[4 * i + 2];
  }
}
