/**
 * CIFAR-10 images, shipped as the ConvNetJS PNG sprites (1024 × 1000 RGB; row k is
 * image k, pixel i of the row is image pixel (y, x) = (⌊i/32⌋, i mod 32)) plus a labels
 * file. Decoded with fast-png (pure JS, exact pixels) into NHWC uint8 arrays.
 */
import { decode } from 'fast-png';
import { z } from 'zod';
import { AssetError, type ReadAsset } from './assets';
import { firstIssue } from './zod-message';

export const IMAGE_SIZE = 32;
export const IMAGE_CHANNELS = 3;
/** Bytes of one image in NHWC order. */
export const IMAGE_BYTES = IMAGE_SIZE * IMAGE_SIZE * IMAGE_CHANNELS;
/** Images per sprite. */
export const SPRITE_IMAGES = 1000;

/** Sprites under public/data holding training images 0..3999, in order. */
export const CIFAR_TRAIN_FILES = ['cifar10_batch_0.png', 'cifar10_batch_1.png', 'cifar10_batch_2.png', 'cifar10_batch_3.png'] as const;
/** Sprite holding test images 0..999. */
export const CIFAR_TEST_FILE = 'cifar10_batch_50.png';
/** Labels: { classes: string[10], train: number[4000], test: number[1000] }. */
export const CIFAR_LABELS_FILE = 'cifar10-labels.json';

/** Per-channel mean and std (0..255 scale) used by TE-NAS. */
export const CIFAR_MEAN = [125.3, 123.0, 113.9] as const;
export const CIFAR_STD = [63.0, 62.1, 66.7] as const;

export interface CifarData {
  /** numTrain × 32 × 32 × 3, NHWC. */
  train: Uint8Array;
  trainLabels: Uint8Array;
  /** numTest × 32 × 32 × 3, NHWC. */
  test: Uint8Array;
  testLabels: Uint8Array;
  classes: string[];
  numTrain: number;
  numTest: number;
  /**
   * Normalisation table (3 × 256, `c * 256 + p`) for images whose statistics
   * differ from CIFAR-10's (the user's own images); default {@link NORM_LUT}.
   */
  lut?: Float32Array;
}

const f32 = Math.fround;

/**
 * Normalised value of pixel byte p in channel c, exactly as float32 code computes it:
 * x = f32(f32(f32(p/255) − f32(m_c)) / f32(s_c)), m_c = mean_c/255, s_c = std_c/255 (float64).
 */
export function normalizePixel(p: number, c: number, mean: readonly number[] = CIFAR_MEAN, std: readonly number[] = CIFAR_STD): number {
  const m = mean[c] / 255;
  const s = std[c] / 255;
  return f32(f32(f32(p / 255) - f32(m)) / f32(s));
}

/** Normalisation table for per-channel statistics on the 0–255 scale: lut[c * 256 + p] = normalizePixel(p, c, mean, std). */
export function normLutFrom(mean: readonly number[], std: readonly number[]): Float32Array {
  if (mean.length !== 3 || std.length !== 3 || std.some((v) => !(v > 0)))
    throw new Error('normalisation needs 3 means and 3 positive standard deviations');
  const lut = new Float32Array(3 * 256);
  for (let c = 0; c < 3; c++) for (let p = 0; p < 256; p++) lut[c * 256 + p] = normalizePixel(p, c, mean, std);
  return lut;
}

/** NORM_LUT[c * 256 + p] === normalizePixel(p, c): the TE-NAS CIFAR-10 normalisation. */
export const NORM_LUT: Float32Array = normLutFrom(CIFAR_MEAN, CIFAR_STD);

/**
 * Decodes one sprite into SPRITE_IMAGES × 32 × 32 × 3 uint8 (NHWC). The sprite's row k
 * is already image k in HWC order, so this is the RGB pixel data (alpha dropped if any).
 * Throws AssetError naming fileName when the PNG is corrupt or has the wrong shape.
 */
export function decodeSprite(bytes: Uint8Array, fileName: string): Uint8Array {
  if (bytes.length === 0) throw new AssetError(fileName, 'is empty');
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 8 || sig.some((b, i) => bytes[i] !== b)) {
    throw new AssetError(fileName, 'not a PNG file (bad signature)');
  }
  let png: ReturnType<typeof decode>;
  try {
    png = decode(bytes, { checkCrc: true });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new AssetError(fileName, `truncated or corrupt PNG (${why})`, { cause: err });
  }
  const { width, height, channels, depth, palette } = png;
  const wantW = IMAGE_SIZE * IMAGE_SIZE;
  if (width !== wantW || height !== SPRITE_IMAGES) {
    throw new AssetError(fileName, `wrong dimensions ${width}×${height}, expected ${wantW}×${SPRITE_IMAGES}`);
  }
  if (depth !== 8 || palette || (channels !== 3 && channels !== 4)) {
    throw new AssetError(
      fileName,
      `unsupported pixel format (${channels} channel(s), ${depth}-bit${palette ? ', palette' : ''}); expected 8-bit RGB or RGBA`,
    );
  }
  const n = width * height;
  if (png.data.length !== n * channels) {
    throw new AssetError(fileName, `truncated PNG: ${png.data.length} pixel bytes, expected ${n * channels}`);
  }
  const data = png.data as Uint8Array;
  if (channels === 3) return Uint8Array.from(data);
  const out = new Uint8Array(n * 3);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    out[3 * i] = data[j];
    out[3 * i + 1] = data[j + 1];
    out[3 * i + 2] = data[j + 2];
  }
  return out;
}

const labelsSchema = z.object({
  classes: z.array(z.string().min(1)).length(10),
  train: z.array(z.int().min(0).max(9)),
  test: z.array(z.int().min(0).max(9)),
});
export type CifarLabels = z.infer<typeof labelsSchema>;

/** Parses and validates the labels file; throws AssetError naming fileName. */
export function parseCifarLabels(bytes: Uint8Array, fileName: string = CIFAR_LABELS_FILE): CifarLabels {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new AssetError(fileName, `not valid JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  const res = labelsSchema.safeParse(json);
  if (!res.success) throw new AssetError(fileName, firstIssue(res.error, 'invalid labels'));
  return res.data;
}

/**
 * Loads the 4000 training and 1000 test images and their labels through `read`.
 * Errors name the offending file (missing, corrupt PNG, wrong dimensions, label count mismatch).
 */
export async function loadCifar(read: ReadAsset): Promise<CifarData> {
  const [labelBytes, testBytes, ...trainBytes] = await Promise.all([
    read(CIFAR_LABELS_FILE),
    read(CIFAR_TEST_FILE),
    ...CIFAR_TRAIN_FILES.map((f) => read(f)),
  ]);
  const labels = parseCifarLabels(labelBytes, CIFAR_LABELS_FILE);
  const spriteBytes = SPRITE_IMAGES * IMAGE_BYTES;
  const numTrain = CIFAR_TRAIN_FILES.length * SPRITE_IMAGES;
  const numTest = SPRITE_IMAGES;
  if (labels.train.length !== numTrain) {
    throw new AssetError(CIFAR_LABELS_FILE, `has ${labels.train.length} training labels, but the sprites hold ${numTrain} images`);
  }
  if (labels.test.length !== numTest) {
    throw new AssetError(CIFAR_LABELS_FILE, `has ${labels.test.length} test labels, but ${CIFAR_TEST_FILE} holds ${numTest} images`);
  }
  const train = new Uint8Array(numTrain * IMAGE_BYTES);
  CIFAR_TRAIN_FILES.forEach((f, b) => {
    train.set(decodeSprite(trainBytes[b], f), b * spriteBytes);
  });
  const test = decodeSprite(testBytes, CIFAR_TEST_FILE);
  return {
    train,
    trainLabels: Uint8Array.from(labels.train),
    test,
    testLabels: Uint8Array.from(labels.test),
    classes: labels.classes,
    numTrain,
    numTest,
  };
}
