// Images for the own-images cases: seeded noise as PNG files.
import { encode } from 'fast-png';

/** A w × h RGB PNG of seeded noise. */
export function png(w: number, h: number, seed: number): Buffer {
  const data = new Uint8Array(w * h * 3);
  let x = seed * 7919 + 17;
  for (let i = 0; i < data.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    data[i] = x >> 23;
  }
  return Buffer.from(encode({ width: w, height: h, data, channels: 3, depth: 8 }));
}
