/** Layout of the 4-node cell DAG shared by the search's cell graph and the cell picker. */
import { EDGES } from '../../engine/model/nb201/space';

export const NODE_X = [60, 260, 460, 660];

/** The edges' indices 0..5 (in EDGES order), to draw one element per edge. */
export const EDGE_IDS: readonly number[] = EDGES.map((_, e) => e);

/**
 * SVG path of an edge and the point where its op chips stack: neighbouring
 * nodes are joined by a straight line, 2-apart edges arc above (control point
 * y = −40), the 3-apart edge arcs below (control point y = `lowY`).
 */
export interface EdgeGeometry {
  d: string;
  mx: number;
  my: number;
}

export function edgeGeometry(edge: number, nodeY: number, lowY: number): EdgeGeometry {
  const [to, from] = EDGES[edge];
  const x0 = NODE_X[from];
  const x1 = NODE_X[to];
  const span = to - from;
  if (span === 1) return { d: `M${x0},${nodeY} L${x1},${nodeY}`, mx: (x0 + x1) / 2, my: nodeY };
  const cy = span === 2 ? -40 : lowY;
  const cx = (x0 + x1) / 2;
  return { d: `M${x0},${nodeY} Q${cx},${cy} ${x1},${nodeY}`, mx: cx, my: 0.5 * nodeY + 0.5 * cy };
}

/** Top y of chip `index` of `count` chips of height `chipH` stacked centred on an edge's point `my`. */
export function chipY(my: number, count: number, index: number, chipH: number): number {
  return my - (count * chipH) / 2 + index * chipH;
}
