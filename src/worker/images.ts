/**
 * The images the measurements use: the bundled CIFAR-10 training images, or
 * the user's own (set from the page; they never leave the browser).
 */
import type { CifarData } from '../engine/data/cifar';
import { cifarFromPixels, type ChannelStats } from '../engine/data/own-images';
import { getCifar } from './data';
import type { ImagesInfo } from './explore-protocol';

let own: { data: CifarData; info: ImagesInfo } | null = null;

/** Uses n NHWC images (32 × 32 × 3 bytes each) normalised with `stats` instead of CIFAR-10. */
export function setOwnImages(pixels: Uint8Array, n: number, stats: ChannelStats, label: string, hash: string): ImagesInfo {
  const data = cifarFromPixels(pixels, n, { stats });
  const info: ImagesInfo = { source: 'own', count: n, label, mean: stats.mean, std: stats.std, hash };
  own = { data, info };
  return info;
}

export function clearOwnImages(): void {
  own = null;
}

export function imagesInfo(): ImagesInfo {
  return own?.info ?? { source: 'cifar10', count: 0, label: 'CIFAR-10 (bundled)', mean: null, std: null };
}

/** The images to measure with now. */
export async function activeImages(): Promise<CifarData> {
  return own ? own.data : getCifar();
}

/** Throws a clear message when there are fewer images than an NTK batch needs. */
export function checkEnough(data: CifarData, batchSize: number): void {
  if (data.numTrain < batchSize) {
    throw new Error(
      `too few images: ${data.numTrain} image${data.numTrain === 1 ? '' : 's'}, but the NTK batch needs at least ${batchSize} distinct images (the batch size); add images or lower the batch size`,
    );
  }
}
