/**
 * Layout of the 4-node cell DAG shared by the search's cell graph and the cell
 * picker, in CSS pixels: the drawing is as wide as its box and never scaled,
 * so its labels are drawn at the page's type size (≥ 12 px, larger with Large
 * type) on a phone as on a projector. Chips and node circles are sized from
 * the label font; the horizontal spacing from the width.
 */
import { EDGES } from '../../engine/model/nb201/space';

/** The edges' indices 0..5 (in EDGES order), to draw one element per edge. */
export const EDGE_IDS: readonly number[] = EDGES.map((_, e) => e);

/**
 * SVG path of an edge and the point where its op chips stack: neighbouring
 * nodes are joined by a straight line, 2-apart edges arc above, the 3-apart
 * edge arcs below.
 */
export interface EdgeGeometry {
  d: string;
  mx: number;
  my: number;
}

export interface CellLayout {
  width: number;
  height: number;
  nodeX: readonly number[];
  nodeY: number;
  nodeR: number;
  /** Label font size (px). */
  font: number;
  chipW: number;
  chipH: number;
  edge: (edge: number) => EdgeGeometry;
}

const MARGIN = 8;
/** The smallest label size: a narrow drawing shrinks larger labels down to this, never below. */
export const MIN_FONT = 12;

/**
 * The layout for a drawing `width` px wide, labels of `font` px whose widest
 * is `labelPerPx` × the font size, and stacks of up to `stack` chips per edge.
 * Where neighbouring stacks would overlap, the labels shrink towards MIN_FONT.
 */
export function cellLayout(width: number, wantedFont: number, labelPerPx: number, stack: number): CellLayout {
  // Neighbouring stacks are a third of the width between the outer chips apart: chipW ≤ (width − chipW / 2 − 2·MARGIN) / 3 − 6.
  const fits = (width - 2 * MARGIN - 18) / 3.5 / (labelPerPx + 1);
  const font = Math.max(MIN_FONT, Math.min(wantedFont, Math.floor(fits * 2) / 2));
  const chipH = Math.round(font * 1.6);
  const chipW = Math.ceil(labelPerPx * font + font);
  const nodeR = Math.round(font * 1.3);
  const stackH = stack * chipH;
  const gap = Math.round(font / 2);
  const nodeY = MARGIN + 1.5 * stackH + gap;
  const above = nodeY - stackH - gap;
  const below = nodeY + stackH + gap;
  const left = MARGIN + Math.max(nodeR, chipW / 4);
  const step = (width - 2 * left) / 3;
  const nodeX = [0, 1, 2, 3].map((i) => left + i * step);
  const edge = (e: number): EdgeGeometry => {
    const [to, from] = EDGES[e];
    const x0 = nodeX[from];
    const x1 = nodeX[to];
    const span = to - from;
    if (span === 1) return { d: `M${x0},${nodeY} L${x1},${nodeY}`, mx: (x0 + x1) / 2, my: nodeY };
    const my = span === 2 ? above : below;
    const cx = (x0 + x1) / 2;
    // A quadratic curve passes through the midpoint of its ends and control point at t = ½.
    return { d: `M${x0},${nodeY} Q${cx},${2 * my - nodeY} ${x1},${nodeY}`, mx: cx, my };
  };
  return { width, height: below + stackH / 2 + MARGIN, nodeX, nodeY, nodeR, font, chipW, chipH, edge };
}

/** Top y of chip `index` of `count` chips of height `chipH` stacked centred on an edge's point `my`. */
export function chipY(my: number, count: number, index: number, chipH: number): number {
  return my - (count * chipH) / 2 + index * chipH;
}
