/**
 * Reads dropped files into 32 × 32 RGB images, entirely in the browser:
 * PNG / JPEG (any size; centre-cropped to a square, then resized) with
 * createImageBitmap and a canvas, and CIFAR binary batches (3073-byte records).
 * Files that cannot be read are reported by name with the reason.
 */
import { IMAGE_BYTES, IMAGE_SIZE } from '../../engine/data/cifar';
import { centreSquare, ImageFileError, parseCifarBinary, rgbaToRgb } from '../../engine/data/own-images';

export interface Decoded {
  pixels: Uint8Array;
  n: number;
  /** Files read, and how many images each gave. */
  files: { name: string; images: number }[];
  /** Files not used, with why. */
  skipped: string[];
  /** A few previews (data URLs). */
  thumbs: string[];
  label: string;
}

/** Images kept at most (beyond: the rest are ignored, with a note). */
export const MAX_IMAGES = 60_000;
const MAX_THUMBS = 24;

const IMAGE_TYPES = ['image/png', 'image/jpeg'];
const isImageName = (n: string) => /\.(png|jpe?g)$/i.test(n);
const isBinaryName = (n: string) => /\.bin$/i.test(n);

function canvas2d(): { ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D; toUrl: () => string } {
  const c = document.createElement('canvas');
  c.width = IMAGE_SIZE;
  c.height = IMAGE_SIZE;
  const ctx = c.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('this browser has no 2D canvas');
  return { ctx, toUrl: () => c.toDataURL('image/png') };
}

function sniff(bytes: Uint8Array): 'png' | 'jpeg' | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

function thumbFromRgb(pixels: Uint8Array, offset: number, c: ReturnType<typeof canvas2d>): string {
  const img = c.ctx.createImageData(IMAGE_SIZE, IMAGE_SIZE);
  for (let i = 0; i < IMAGE_SIZE * IMAGE_SIZE; i++) {
    img.data[4 * i] = pixels[offset + 3 * i];
    img.data[4 * i + 1] = pixels[offset + 3 * i + 1];
    img.data[4 * i + 2] = pixels[offset + 3 * i + 2];
    img.data[4 * i + 3] = 255;
  }
  c.ctx.putImageData(img, 0, 0);
  return c.toUrl();
}

export async function decodeFiles(files: readonly File[]): Promise<Decoded> {
  const chunks: Uint8Array[] = [];
  const out: Decoded = { pixels: new Uint8Array(0), n: 0, files: [], skipped: [], thumbs: [], label: '' };
  const c = canvas2d();
  let n = 0;
  for (const file of files) {
    if (n >= MAX_IMAGES) {
      out.skipped.push(`${file.name}: ignored, already ${MAX_IMAGES.toLocaleString('en')} images`);
      continue;
    }
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (bytes.length === 0) throw new ImageFileError(file.name, 'the file is empty');
      const kind = sniff(bytes);
      if (kind) {
        let bitmap: ImageBitmap;
        try {
          bitmap = await createImageBitmap(new Blob([bytes], { type: `image/${kind}` }));
        } catch (err) {
          throw new ImageFileError(
            file.name,
            `looks like a ${kind.toUpperCase()} file but could not be decoded (corrupt or truncated?${err instanceof Error && err.message ? `: ${err.message}` : ''})`,
          );
        }
        const [sx, sy, side] = centreSquare(bitmap.width, bitmap.height);
        c.ctx.clearRect(0, 0, IMAGE_SIZE, IMAGE_SIZE);
        c.ctx.imageSmoothingEnabled = true;
        c.ctx.imageSmoothingQuality = 'high';
        c.ctx.drawImage(bitmap, sx, sy, side, side, 0, 0, IMAGE_SIZE, IMAGE_SIZE);
        bitmap.close();
        const rgb = new Uint8Array(IMAGE_BYTES);
        rgbaToRgb(c.ctx.getImageData(0, 0, IMAGE_SIZE, IMAGE_SIZE).data, rgb, 0);
        chunks.push(rgb);
        if (out.thumbs.length < MAX_THUMBS) out.thumbs.push(c.toUrl());
        n++;
        out.files.push({ name: file.name, images: 1 });
      } else if (isBinaryName(file.name) || (!isImageName(file.name) && !IMAGE_TYPES.includes(file.type) && bytes.length % 3073 === 0)) {
        const b = parseCifarBinary(bytes, file.name);
        const take = Math.min(b.n, MAX_IMAGES - n);
        chunks.push(b.pixels.subarray(0, take * IMAGE_BYTES));
        for (let k = 0; k < take && out.thumbs.length < MAX_THUMBS; k++) out.thumbs.push(thumbFromRgb(b.pixels, k * IMAGE_BYTES, c));
        n += take;
        out.files.push({ name: file.name, images: take });
        if (take < b.n)
          out.skipped.push(`${file.name}: only the first ${take.toLocaleString('en')} of ${b.n.toLocaleString('en')} images used`);
      } else if (isImageName(file.name) || file.type.startsWith('image/')) {
        throw new ImageFileError(
          file.name,
          `not a PNG or JPEG file (${file.type || 'unknown type'}; its first bytes do not match either format)`,
        );
      } else {
        throw new ImageFileError(
          file.name,
          `unsupported format (${file.type || 'unknown type'}): expected PNG or JPEG images, or a CIFAR binary batch (.bin, 3073-byte records)`,
        );
      }
    } catch (err) {
      out.skipped.push(err instanceof ImageFileError ? err.message : `${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const pixels = new Uint8Array(n * IMAGE_BYTES);
  let off = 0;
  for (const ch of chunks) {
    pixels.set(ch, off);
    off += ch.length;
  }
  out.pixels = pixels;
  out.n = n;
  out.label = `${n.toLocaleString('en')} image${n === 1 ? '' : 's'} from ${out.files.length} file${out.files.length === 1 ? '' : 's'}`;
  return out;
}
