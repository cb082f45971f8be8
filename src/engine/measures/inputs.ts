/**
 * The inputs of the two measurements, built from CIFAR-10 pixels with the
 * TE-NAS normalisation (see {@link NORM_LUT}; `data.lut` overrides it for
 * the user's own images).
 * - NTK batches: whole 32 × 32 images, NHWC, optionally augmented as the
 *   official training loader does (random horizontal flip, random 32 × 32 crop
 *   of the image zero-padded by 4 raw pixels, before normalisation).
 * - Region crops: single-channel 3 × 3 crops, each normalised with its own
 *   channel's statistics.
 */
import type { CifarData } from '../data/cifar';
import { IMAGE_BYTES, IMAGE_SIZE, NORM_LUT } from '../data/cifar';
import type { Rng } from '../model/random';

const S = IMAGE_SIZE;

/** Normalised training images, [n, 32, 32, 3] row-major. */
export function normalizeImages(data: CifarData, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * IMAGE_BYTES);
  const lut = data.lut ?? NORM_LUT;
  for (let k = 0; k < indices.length; k++) {
    const src = checkImage(data, indices[k]) * IMAGE_BYTES;
    const dst = k * IMAGE_BYTES;
    for (let i = 0; i < IMAGE_BYTES; i++) out[dst + i] = lut[(i % 3) * 256 + data.train[src + i]];
  }
  return out;
}

function checkImage(data: CifarData, i: number): number {
  if (!Number.isInteger(i) || i < 0 || i >= data.numTrain) throw new Error(`training image ${i} out of range 0..${data.numTrain - 1}`);
  return i;
}

export interface Augmentation {
  flip: boolean;
  /** Offset of the 32 × 32 window in the 40 × 40 padded image, 0..8. */
  dy: number;
  dx: number;
}

/** One image, augmented then normalised; padding pixels are raw 0. */
export function augmentImage(data: CifarData, index: number, a: Augmentation, out: Float32Array, offset: number): void {
  const src = checkImage(data, index) * IMAGE_BYTES;
  const lut = data.lut ?? NORM_LUT;
  for (let y = 0; y < S; y++) {
    const sy = y + a.dy - 4;
    for (let x = 0; x < S; x++) {
      const cx = x + a.dx - 4;
      const sx = a.flip ? S - 1 - cx : cx;
      const inside = sy >= 0 && sy < S && cx >= 0 && cx < S;
      for (let c = 0; c < 3; c++) {
        const p = inside ? data.train[src + (sy * S + sx) * 3 + c] : 0;
        out[offset + (y * S + x) * 3 + c] = lut[c * 256 + p];
      }
    }
  }
}

export interface NtkBatch {
  images: Int32Array;
  augmentations: Augmentation[] | null;
  pixels: Float32Array;
}

/** A batch of `size` distinct training images (a duplicate image would make the NTK singular). */
export function drawNtkBatch(data: CifarData, rng: Rng, size: number, augment: boolean): NtkBatch {
  const images = rng.sampleWithoutReplacement(data.numTrain, size);
  if (!augment) return { images, augmentations: null, pixels: normalizeImages(data, images) };
  const pixels = new Float32Array(size * IMAGE_BYTES);
  const augmentations: Augmentation[] = [];
  for (let k = 0; k < size; k++) {
    // Same order as torchvision's RandomHorizontalFlip then RandomCrop(32, padding=4).
    const a: Augmentation = { flip: rng.uniform() < 0.5, dy: rng.int(9), dx: rng.int(9) };
    augmentations.push(a);
    augmentImage(data, images[k], a, pixels, k * IMAGE_BYTES);
  }
  return { images, augmentations, pixels };
}

/** A region input: [image, channel, y, x] of a 3 × 3 crop. */
export type Patch = readonly [number, number, number, number];

/** Normalised 3 × 3 single-channel crops, [n, 3, 3, 1]. */
export function regionCrops(data: CifarData, patches: readonly Patch[]): Float32Array {
  const out = new Float32Array(patches.length * 9);
  const lut = data.lut ?? NORM_LUT;
  patches.forEach(([img, c, y, x], k) => {
    const src = checkImage(data, img) * IMAGE_BYTES;
    if (c < 0 || c > 2 || y < 0 || y > S - 3 || x < 0 || x > S - 3) throw new Error(`invalid crop [${img}, ${c}, ${y}, ${x}]`);
    for (let dy = 0; dy < 3; dy++)
      for (let dx = 0; dx < 3; dx++) out[k * 9 + dy * 3 + dx] = lut[c * 256 + data.train[src + ((y + dy) * S + x + dx) * 3 + c]];
  });
  return out;
}
