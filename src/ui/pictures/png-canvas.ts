/**
 * Saves pictures drawn on canvases as one PNG: side by side, each with its
 * caption, on white (canvas.toBlob; nothing leaves the browser).
 */
import { downloadBlob } from '../../store/run/controller';

const MIN_SIDE = 200;

export async function exportCanvasesPng(
  items: { canvas: HTMLCanvasElement | null; caption: string }[],
  fileName: string,
  title: string,
): Promise<void> {
  const shown = items.filter((i): i is { canvas: HTMLCanvasElement; caption: string } => i.canvas !== null);
  if (shown.length === 0) throw new Error('no picture to export');
  // Small pictures (a 16 × 16 NTK) are drawn larger, in whole pixels: at least MIN_SIDE wide.
  const scaleOf = (c: HTMLCanvasElement) => Math.max(1, Math.ceil(MIN_SIDE / c.width));
  const gap = 16;
  const head = 28;
  const foot = 22;
  const width = shown.reduce((w, i) => w + i.canvas.width * scaleOf(i.canvas), 0) + gap * (shown.length + 1);
  const height = Math.max(...shown.map((i) => i.canvas.height * scaleOf(i.canvas))) + head + foot + gap;
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#202124';
  ctx.font = '600 14px system-ui, sans-serif';
  ctx.fillText(title, gap, 19);
  ctx.font = '13px system-ui, sans-serif';
  let x = gap;
  for (const i of shown) {
    ctx.imageSmoothingEnabled = false;
    const k = scaleOf(i.canvas);
    ctx.drawImage(i.canvas, x, head, i.canvas.width * k, i.canvas.height * k);
    ctx.fillText(i.caption, x, head + i.canvas.height * k + 16);
    x += i.canvas.width * k + gap;
  }
  const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the PNG could not be encoded');
  downloadBlob(fileName, blob);
}
