import { describe, expect, it } from 'vitest';
import { CIFAR_MEAN, CIFAR_STD, IMAGE_BYTES, NORM_LUT } from '../../../src/engine/data/cifar';
import { normalizeImages } from '../../../src/engine/measures/inputs';
import {
  centreSquare,
  channelStats,
  cifarFromPixels,
  ImageFileError,
  normLutFrom,
  parseCifarBinary,
} from '../../../src/engine/data/own-images';

describe('own images', () => {
  it('normLutFrom with CIFAR-10 statistics is NORM_LUT exactly', () => {
    expect(Array.from(normLutFrom(CIFAR_MEAN, CIFAR_STD))).toEqual(Array.from(NORM_LUT));
  });

  it('channelStats and the LUT normalise the images to mean 0, std 1', () => {
    const n = 3;
    const px = new Uint8Array(n * IMAGE_BYTES);
    for (let i = 0; i < px.length; i++) px[i] = (i * 37 + (i % 3) * 50) % 256;
    const s = channelStats(px, n);
    const data = cifarFromPixels(px, n);
    const x = normalizeImages(data, [0, 1, 2]);
    for (let c = 0; c < 3; c++) {
      let m = 0;
      let v = 0;
      const k = x.length / 3;
      for (let i = c; i < x.length; i += 3) m += x[i] / k;
      for (let i = c; i < x.length; i += 3) v += (x[i] - m) ** 2 / k;
      expect(Math.abs(m)).toBeLessThan(1e-4);
      expect(Math.sqrt(v)).toBeCloseTo(1, 4);
      expect(s.std[c]).toBeGreaterThan(0);
    }
  });

  it('refuses images without variation in a channel', () => {
    expect(() => cifarFromPixels(new Uint8Array(2 * IMAGE_BYTES).fill(7), 2)).toThrow(/do not vary in the red channel/);
  });

  it('reads CIFAR binary records (planar RGB) into NHWC', () => {
    const rec = new Uint8Array(2 * 3073);
    rec[0] = 4;
    rec[1] = 10; // R of pixel 0, image 0
    rec[1 + 1024] = 20; // G
    rec[1 + 2048 + 5] = 30; // B of pixel 5
    rec[3073] = 9;
    const b = parseCifarBinary(rec, 'x.bin');
    expect(b.n).toBe(2);
    expect(Array.from(b.labels)).toEqual([4, 9]);
    expect(Array.from(b.pixels.subarray(0, 3))).toEqual([10, 20, 0]);
    expect(b.pixels[5 * 3 + 2]).toBe(30);
    expect(() => parseCifarBinary(new Uint8Array(3000), 'y.bin')).toThrow(ImageFileError);
    expect(() => parseCifarBinary(new Uint8Array(3000), 'y.bin')).toThrow(
      /y\.bin: 3,000 bytes is not a whole number of CIFAR binary records/,
    );
  });

  it('centre square', () => {
    expect(centreSquare(40, 30)).toEqual([5, 0, 30]);
    expect(centreSquare(10, 21)).toEqual([0, 5, 10]);
  });
});
