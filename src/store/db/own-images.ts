/**
 * IndexedDB storage of the user's own images (one set, under 'current'), so
 * that a reload keeps them. Every call rejects when the database cannot be
 * opened (see ./open); callers say so and go on.
 */
import { database } from './open';
import { CURRENT, type KeptImages } from './schema';

export async function keepImages(images: Omit<KeptImages, 'savedAt'>): Promise<void> {
  await (await database()).put('ownImages', { ...images, savedAt: new Date().toISOString() }, CURRENT);
}

export async function keptImages(): Promise<KeptImages | undefined> {
  return (await database()).get('ownImages', CURRENT);
}

export async function forgetImages(): Promise<void> {
  await (await database()).delete('ownImages', CURRENT);
}
