/**
 * Layout of one DARTS cell drawing in CSS pixels: the 6 states in a row
 * (0, 1 = the cell's inputs, 2..5 = its nodes), every edge `i<-j` an arc from
 * state j to state i + 2 whose height grows with the span, and at its apex a
 * row of squares, one per active op (up to 7).
 */
import { EDGES } from '../../engine/model/darts/space';

export interface DartsEdgeGeometry {
  d: string;
  mx: number;
  my: number;
}

export interface DartsCellLayout {
  width: number;
  height: number;
  stateX: readonly number[];
  stateY: number;
  stateR: number;
  font: number;
  /** Side of an op square. */
  sq: number;
  edge: (e: number) => DartsEdgeGeometry;
}

const MARGIN = 8;

export function dartsCellLayout(width: number, font: number): DartsCellLayout {
  const sq = Math.max(10, Math.round(font * 0.9));
  const stateR = Math.round(font * 1.2);
  const rise = sq + 8;
  const stateY = MARGIN + 5 * rise + sq;
  const left = MARGIN + stateR;
  const step = (width - 2 * left) / 5;
  const stateX = [0, 1, 2, 3, 4, 5].map((i) => left + i * step);
  const edge = (e: number): DartsEdgeGeometry => {
    const [i, j] = EDGES[e];
    const x0 = stateX[j];
    const x1 = stateX[i + 2];
    const my = stateY - (i + 2 - j) * rise;
    const mx = (x0 + x1) / 2;
    // A quadratic curve passes through the midpoint of its ends and control point at t = ½.
    return { d: `M${x0},${stateY - stateR} Q${mx},${2 * my - stateY} ${x1},${stateY - stateR}`, mx, my };
  };
  return { width, height: stateY + stateR + MARGIN, stateX, stateY, stateR, font, sq, edge };
}
