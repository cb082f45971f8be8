/**
 * A fingerprint of the user's own images: SHA-256 of their count and pixel
 * bytes, hex. A run file records it (with the count) so that a replay can
 * tell whether the images it would recompute pictures on are the ones the
 * run was measured on. Web Crypto: the same in browsers, workers and Node.
 */
export async function ownImagesHash(pixels: Uint8Array, n: number): Promise<string> {
  const data = new Uint8Array(4 + pixels.length);
  new DataView(data.buffer).setUint32(0, n);
  data.set(pixels, 4);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', data);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
