/**
 * Saves a chart (the first <svg> inside `container`) as a PNG: the SVG is
 * serialised with its computed text styles, drawn onto a canvas at 2× on a
 * white background and downloaded. Nothing leaves the browser.
 */
import { downloadBlob } from '../../store/run/controller';

const STYLE_PROPS = [
  'font-family',
  'font-size',
  'font-weight',
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'opacity',
  'fill-opacity',
] as const;

function inlineStyles(src: Element, dst: Element): void {
  const cs = getComputedStyle(src);
  const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
  dst.setAttribute('style', `${dst.getAttribute('style') ?? ''};${style}`);
  for (let i = 0; i < src.children.length; i++) inlineStyles(src.children[i], dst.children[i]);
}

export async function exportChartPng(container: HTMLElement | null, fileName: string, title?: string): Promise<void> {
  const svg = container?.querySelector('svg.recharts-surface') ?? container?.querySelector('svg');
  if (!svg) throw new Error('no chart to export');
  const { width, height } = svg.getBoundingClientRect();
  const titleH = title ? 24 : 0;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const text = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the chart could not be rendered to an image'));
      img.src = url;
    });
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil((height + titleH) * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height + titleH);
    if (title) {
      ctx.fillStyle = '#202124';
      ctx.font = '600 13px system-ui, sans-serif';
      ctx.fillText(title, 8, 17);
    }
    ctx.drawImage(img, 0, titleH, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the PNG could not be encoded');
    downloadBlob(fileName, blob);
  } finally {
    URL.revokeObjectURL(url);
  }
}
