/** Names and colours of the DARTS space's ops (model/darts/space.ts OPS order); each colour carries white text at ≥ 4.5 : 1. */
import { CELLS, edgeLabel } from '../../engine/model/darts/space';

export const DARTS_OP_SHORT: readonly string[] = ['none', 'skip', 'sep 3×3', 'sep 5×5', 'dil 3×3', 'dil 5×5', 'avg pool', 'max pool'];
export const DARTS_OP_COLORS: readonly string[] = ['#70757a', '#1967d2', '#b45309', '#a50e0e', '#188038', '#00695c', '#8430ce', '#c2185b'];
export const CELL_NAMES: readonly string[] = ['normal', 'reduction'];

/** "normal 2<-1 sep 3×3": a DARTS candidate as the page names it. */
export function dartsCandidateLabel(cell: number, edge: number, op: number): string {
  return `${CELL_NAMES[cell] ?? CELLS[cell]} ${edgeLabel(edge)} ${DARTS_OP_SHORT[op] ?? op}`;
}
