/** What a run file records of the own images a run is measured on: their count and hash (null for the bundled CIFAR-10). */
import type { OwnImagesRecord } from '../../engine/search/run-file';
import type { ImagesInfo } from '../../worker/explore-protocol';

export function ownImagesRecord(info: ImagesInfo): OwnImagesRecord | null {
  return info.source === 'own' && info.hash ? { count: info.count, hash: info.hash } : null;
}
