/**
 * Where the trade-off chart writes its points' names: to the right of a
 * point, else to its left, and not at all where the name would overlap
 * another name, another point or the plot's edge (the point's tip still
 * names it). Pruned points are placed first, then measured ones, then the
 * faint ones not measured yet. Pure: widths come from the caller.
 */
export type LabelSide = 'right' | 'left';

export interface LabelInput {
  key: string;
  cx: number;
  cy: number;
  /** The name's width (px) at the chart's label size. */
  width: number;
  /** Lower first: 0 pruned, 1 measured, 2 not measured yet. */
  priority: number;
}

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Gap between a point's centre and its name. */
export const LABEL_GAP = 10;
const DOT_R = 7;
/** A name's height as drawn (ascent and descent) per px of font size, and the room kept from the plot's edges. */
const LINE = 1.35;
const EDGE = 2;

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** The side each drawn name goes on; points missing from the map get no name. */
export function placeLabels(points: readonly LabelInput[], font: number, area: Area): Map<string, LabelSide> {
  const h = font * LINE;
  const dots: (Box & { key: string })[] = points.map((p) => ({
    key: p.key,
    x0: p.cx - DOT_R,
    y0: p.cy - DOT_R,
    x1: p.cx + DOT_R,
    y1: p.cy + DOT_R,
  }));
  const placed: Box[] = [];
  const out = new Map<string, LabelSide>();
  const inside = (b: Box) =>
    b.x0 >= area.x + EDGE && b.x1 <= area.x + area.width - EDGE && b.y0 >= area.y + EDGE && b.y1 <= area.y + area.height - EDGE;
  const order = [...points].sort((a, b) => a.priority - b.priority);
  for (const p of order) {
    for (const side of ['right', 'left'] as const) {
      const x0 = side === 'right' ? p.cx + LABEL_GAP : p.cx - LABEL_GAP - p.width;
      const box = { x0, y0: p.cy - h / 2, x1: x0 + p.width, y1: p.cy + h / 2 };
      if (!inside(box) || placed.some((b) => overlaps(b, box)) || dots.some((d) => d.key !== p.key && overlaps(d, box))) continue;
      placed.push(box);
      out.set(p.key, side);
      break;
    }
  }
  return out;
}

let canvas: CanvasRenderingContext2D | null | undefined;

/** A name's width in the page's font at `font` px (an estimate where there is no canvas, as in tests). */
export function textWidth(text: string, font: number): number {
  if (canvas === undefined) canvas = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!canvas) return text.length * font * 0.6;
  canvas.font = `${font}px ${getComputedStyle(document.body).fontFamily}`;
  return canvas.measureText(text).width;
}
