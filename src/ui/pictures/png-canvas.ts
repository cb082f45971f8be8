/**
 * Saves pictures drawn on canvases as one PNG: side by side, each with its
 * caption, on white (canvas.toBlob; nothing leaves the browser).
 */
import { downloadBlob } from '../../store/controller';

export async function exportCanvasesPng(
  items: { canvas: HTMLCanvasElement | null; caption: string }[],
  fileName: string,
  title: string,
): Promise<void> {
  const shown = items.filter((i): i is { canvas: HTMLCanvasElement; caption: string } => i.canvas !== null);
  if (shown.length === 0) throw new Error('no picture to export');
  const gap = 16;
  const head = 28;
  const foot = 22;
  const width = shown.reduce((w, i) => w + i.canvas.width, 0) + gap * (shown.length + 1);
  const height = Math.max(...shown.map((i) => i.canvas.height)) + head + foot + gap;
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
    ctx.drawImage(i.canvas, x, head);
    ctx.fillText(i.caption, x, head + i.canvas.height + 16);
    x += i.canvas.width + gap;
  }
  const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the PNG could not be encoded');
  downloadBlob(fileName, blob);
}
