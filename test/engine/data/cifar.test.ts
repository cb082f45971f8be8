import { beforeAll, describe, expect, it } from 'vitest';
import { AssetError, type ReadAsset } from '../../../src/engine/data/assets';
import {
  CIFAR_LABELS_FILE,
  CIFAR_MEAN,
  CIFAR_STD,
  CIFAR_TRAIN_FILES,
  type CifarData,
  IMAGE_BYTES,
  NORM_LUT,
  decodeSprite,
  loadCifar,
  normalizePixel,
} from '../../../src/engine/data/cifar';
import { nodeReadAsset } from '../../../src/node/assets';

const read = nodeReadAsset();
let data: CifarData;
beforeAll(async () => {
  data = await loadCifar(read);
});

/** Pixel (y, x) of image k, NHWC. */
function px(images: Uint8Array, k: number, y: number, x: number): number[] {
  const o = k * IMAGE_BYTES + (y * 32 + x) * 3;
  return [images[o], images[o + 1], images[o + 2]];
}

describe('shipped CIFAR-10 sprites', () => {
  it('has 4000 training and 1000 test images with labels', () => {
    expect(data.numTrain).toBe(4000);
    expect(data.numTest).toBe(1000);
    expect(data.train.length).toBe(4000 * 32 * 32 * 3);
    expect(data.test.length).toBe(1000 * 32 * 32 * 3);
    expect(data.trainLabels.length).toBe(4000);
    expect(data.testLabels.length).toBe(1000);
    expect(data.classes).toEqual(['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']);
  });

  it('first 8 training labels are frog, truck, truck, deer, automobile, automobile, bird, horse', () => {
    const names = Array.from(data.trainLabels.subarray(0, 8), (l) => data.classes[l]);
    expect(names).toEqual(['frog', 'truck', 'truck', 'deer', 'automobile', 'automobile', 'bird', 'horse']);
  });

  it('lays out pixels NHWC (values from an independent PNG decoder)', () => {
    expect(px(data.train, 0, 0, 0)).toEqual([59, 62, 63]); // the famous first frog
    expect(px(data.train, 1, 5, 7)).toEqual([98, 118, 139]);
    expect(px(data.train, 0, 31, 31)).toEqual([123, 92, 72]);
    expect(px(data.train, 3999, 31, 31)).toEqual([83, 153, 57]);
    expect(px(data.train, 3999, 10, 20)).toEqual([13, 48, 15]);
    expect(px(data.test, 0, 0, 0)).toEqual([158, 112, 49]);
    expect(px(data.test, 0, 16, 3)).toEqual([191, 182, 188]);
    let s0 = 0;
    for (let i = 0; i < 1000 * IMAGE_BYTES; i++) s0 += data.train[i];
    expect(s0).toBe(370453111);
    expect(data.test.reduce((a, b) => a + b, 0)).toBe(374560331);
  });

  it('per-channel training means are close to the CIFAR-10 means', () => {
    const sum = [0, 0, 0];
    for (let i = 0; i < data.train.length; i++) sum[i % 3] += data.train[i];
    const means = sum.map((s) => s / (data.train.length / 3));
    // This 4000-image subset: (125.357, 122.849, 113.387); blue is 0.51 below the full-set 113.9.
    expect(means[0]).toBeCloseTo(125.357, 2);
    expect(means[1]).toBeCloseTo(122.849, 2);
    expect(means[2]).toBeCloseTo(113.387, 2);
    means.forEach((m, c) => {
      expect(Math.abs(m - CIFAR_MEAN[c])).toBeLessThan(0.6);
    });
  });
});

describe('normalisation', () => {
  it('normalizePixel follows the float32 recipe exactly (checked with Float32Array ops)', () => {
    const f = new Float32Array(4);
    for (let c = 0; c < 3; c++) {
      f[1] = CIFAR_MEAN[c] / 255; // m_c rounded to f32
      f[2] = CIFAR_STD[c] / 255; // s_c rounded to f32
      for (let p = 0; p < 256; p++) {
        f[0] = p / 255;
        f[3] = f[0] - f[1];
        f[3] = f[3] / f[2];
        expect(normalizePixel(p, c)).toBe(f[3]);
        expect(NORM_LUT[c * 256 + p]).toBe(f[3]);
      }
    }
    expect(NORM_LUT.length).toBe(768);
    // Sanity: the mean maps to ~0, mean + std to ~1.
    expect(normalizePixel(125, 0)).toBeCloseTo((125 - 125.3) / 63.0, 5);
    expect(normalizePixel(0, 2)).toBeCloseTo(-113.9 / 66.7, 5);
    expect(CIFAR_STD).toEqual([63.0, 62.1, 66.7]);
  });
});

describe('corrupt or missing files', () => {
  it('a truncated PNG gives an error naming the file', async () => {
    const bytes = await read('cifar10_batch_2.png');
    expect(() => decodeSprite(bytes.subarray(0, bytes.length >> 1), 'cifar10_batch_2.png')).toThrow(
      /^cifar10_batch_2\.png: truncated or corrupt PNG/,
    );
    expect(() => decodeSprite(bytes.subarray(0, 5), 'cifar10_batch_2.png')).toThrow(/^cifar10_batch_2\.png: not a PNG/);
    expect(() => decodeSprite(new Uint8Array(0), 'cifar10_batch_2.png')).toThrow(/^cifar10_batch_2\.png: is empty/);
    // Truncated inside loadCifar: the error names the sprite.
    const truncating: ReadAsset = async (name) => {
      const b = await read(name);
      return name === CIFAR_TRAIN_FILES[1] ? b.subarray(0, b.length - 1000) : b;
    };
    const err = await loadCifar(truncating).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssetError);
    expect((err as AssetError).file).toBe('cifar10_batch_1.png');
  });

  it('a corrupted byte is caught by the CRC check', async () => {
    const bytes = (await read('cifar10_batch_50.png')).slice();
    bytes[bytes.length >> 1] ^= 0xff;
    expect(() => decodeSprite(bytes, 'cifar10_batch_50.png')).toThrow(/^cifar10_batch_50\.png: truncated or corrupt PNG/);
  });

  it('wrong dimensions are reported', async () => {
    const { encode } = await import('fast-png');
    const small = encode({ width: 32, height: 32, data: new Uint8Array(32 * 32 * 3), channels: 3, depth: 8 });
    expect(() => decodeSprite(small, 'x.png')).toThrow(/^x\.png: wrong dimensions 32×32, expected 1024×1000/);
    // RGBA sprites are accepted with alpha dropped.
    const rgba = new Uint8Array(1024 * 1000 * 4);
    for (let i = 0; i < rgba.length; i++) rgba[i] = i % 4 === 3 ? 255 : i % 251;
    const out = decodeSprite(encode({ width: 1024, height: 1000, data: rgba, channels: 4, depth: 8 }), 'rgba.png');
    expect(out.length).toBe(1000 * IMAGE_BYTES);
    expect(Array.from(out.subarray(0, 6))).toEqual([0, 1, 2, 4, 5, 6]);
  });

  it('label count mismatches and missing files name the file', async () => {
    const badLabels: ReadAsset = async (name) => {
      if (name !== CIFAR_LABELS_FILE) return read(name);
      const j = JSON.parse(new TextDecoder().decode(await read(name)));
      j.train.pop();
      return new TextEncoder().encode(JSON.stringify(j));
    };
    await expect(loadCifar(badLabels)).rejects.toThrow(/^cifar10-labels\.json: has 3999 training labels, but the sprites hold 4000/);
    const garbled: ReadAsset = async (name) => (name === CIFAR_LABELS_FILE ? new TextEncoder().encode('{"classes": [') : read(name));
    await expect(loadCifar(garbled)).rejects.toThrow(/^cifar10-labels\.json: not valid JSON/);
    const missing: ReadAsset = async (name) => {
      if (name === 'cifar10_batch_50.png') return nodeReadAsset('/nonexistent')(name);
      return read(name);
    };
    await expect(loadCifar(missing)).rejects.toThrow(/^cifar10_batch_50\.png: missing/);
  });
});
