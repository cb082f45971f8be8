/**
 * What steering asks of a search space, in one place for the page: the space
 * of a run, its op names and the ops searched, how an edge is named (DARTS:
 * with its cell, as the URL and the CLI write it), and an op on an edge as an
 * override (a DARTS override names its cell, 'normal' or 'reduce'; the page's
 * candidates and marks carry the cell as an index, 0 or 1).
 */
import { CELLS, edgeLabel as dartsEdgeLabel, OPS as DARTS_OPS } from '../../engine/model/darts/space';
import type { SpaceName } from '../../engine/model/settings-table';
import { edgeLabel, OPS } from '../../engine/model/nb201/space';
import type { Override } from '../../engine/search/events';

export type { SpaceName };

/** An op on an edge as the page points at it; `cell` (0 normal, 1 reduction) in the DARTS space only. */
export interface OpRef {
  edge: number;
  op: number;
  cell?: number;
}

/** The space of a run's settings (none: NAS-Bench-201, as run files before version 4). */
export const spaceOf = (settings: { space?: string } | null | undefined): SpaceName => (settings?.space === 'darts' ? 'darts' : 'nb201');

/** The op names of a space, by op index. */
export const opNames = (space: SpaceName): readonly string[] => (space === 'darts' ? DARTS_OPS : OPS);

/** The ops a search measures on an edge (never `none`). */
export const searchedOps = (space: SpaceName): number[] => opNames(space).flatMap((_, op) => (op > 0 ? [op] : []));

/** "3<-0"; in the DARTS space "normal:2<-1" (the cell of `cell`, as overrides are written). */
export function edgeName(edge: number, cell?: number): string {
  return cell === undefined ? edgeLabel(edge) : `${CELLS[cell] ?? cell}:${dartsEdgeLabel(edge)}`;
}

/** The override that pins or prunes `ref` (its cell named). */
export function overrideOf(kind: Override['kind'], ref: OpRef): Override {
  return { kind, edge: ref.edge, op: ref.op, ...(ref.cell !== undefined && { cell: CELLS[ref.cell] }) };
}

/** The op an override names (its cell as an index). */
export function refOfOverride(o: Override): OpRef {
  const cell = o.cell === undefined ? -1 : (CELLS as readonly string[]).indexOf(o.cell);
  return { edge: o.edge, op: o.op, ...(cell >= 0 && { cell }) };
}

/** A key of an op for maps and test ids: "edge:op", DARTS "cell:edge:op". */
export const opKey = (ref: OpRef): string => (ref.cell === undefined ? `${ref.edge}:${ref.op}` : `${ref.cell}:${ref.edge}:${ref.op}`);
