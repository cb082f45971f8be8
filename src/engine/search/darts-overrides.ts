/**
 * The rules of an override in the DARTS space (./overrides applies them; the
 * decisions they steer are in ./darts-steer). An override names its cell
 * ('normal' or 'reduce'), an edge 0..13 and an op 1..7.
 *
 * - Pruning rounds: as in NAS-Bench-201 — a pin keeps an op (at most one pin
 *   per cell and edge); a prune removes one at once between rounds, at the
 *   round's end while a round is open (as one of that edge's prunes), and is
 *   refused for the last op of an edge ('empty-edge').
 * - The edge-group step keeps 2 incoming edges per node: a pinned op's edge
 *   is kept, so a node takes at most 2 pinned edges ('group-full', at any
 *   time); a prune there (between the last pruning round and the step, or
 *   while it is open) removes that edge, its only op, and is refused when the
 *   node would be left fewer than 2 incoming edges ('too-few-edges').
 * - The step prunes group by group while it measures, so an override given
 *   for its end (`@ROUND`) applies just before it starts; one given while it
 *   is open decides its groups at its end (measurements taken stay).
 */
import { CELLS, EDGE_GROUPS, edgeLabel, fullDartsMask, isSinglePath, NUM_EDGES, NUM_OPS, OPS } from '../model/darts/space';
import { NUM_PER_GROUP } from './darts-group';
import { DARTS_PRUNE_NUMBER, type DartsMasks } from './darts-round';
import { type DartsSteer, pruningRoundsLeft } from './darts-steer';
import type { Override } from './events';
import { holds, NO_STEER, type Refusal, type RefusalReason, refusalOf, type SteerPoint, type SteerRef, sameRef } from './steer-point';

/** The start of a DARTS search: every op but `none` on every edge of both cells. */
export const DARTS_START: SteerPoint = {
  mask: fullDartsMask(),
  maskReduce: fullDartsMask(),
  steer: NO_STEER,
  round: 0,
  roundOpen: false,
  finished: false,
};

/** The masks of a DARTS point. */
export function masksOf(p: SteerPoint): DartsMasks {
  if (!p.maskReduce) throw new Error('not a point of a DARTS search (no reduction cell mask)');
  return { normal: p.mask, reduce: p.maskReduce };
}

/** True when the round open at `p`, or the next one, is the edge-group step (every edge holds at most one op). */
export function inGroupStep(p: SteerPoint): boolean {
  const m = masksOf(p);
  return isSinglePath(m.normal) && isSinglePath(m.reduce);
}

/** Rounds left from `p` (the open one included): the pruning rounds, then the edge-group step when a node has more than 2 edges. */
export function dartsRoundsLeft(p: SteerPoint): number {
  const m = masksOf(p);
  const active = (mask: number[][], e: number) => mask[e].some((v, op) => op > 0 && v === 1);
  const group = [m.normal, m.reduce].some((mask) =>
    EDGE_GROUPS.some(([a, b]) => Array.from({ length: b - a }, (_, i) => a + i).filter((e) => active(mask, e)).length > NUM_PER_GROUP),
  );
  return pruningRoundsLeft(m, DARTS_PRUNE_NUMBER) + (group ? 1 : 0);
}

/** The steering in force at a DARTS point, as the DARTS decisions take it (./darts-steer). */
export function dartsSteerOf(p: SteerPoint): DartsSteer {
  const refs = (list: readonly SteerRef[]) => list.map((c) => ({ cell: c.cell ?? 0, edge: c.edge, op: c.op }));
  return { pins: refs(p.steer.pins), pending: refs(p.steer.pending) };
}

/** The ref of a DARTS override (its cell as an index); call after the cell is checked. */
export function dartsRef(o: Override): SteerRef {
  return { cell: CELLS.indexOf(o.cell as (typeof CELLS)[number]) as 0 | 1, edge: o.edge, op: o.op };
}

/** "state 4 of the normal cell (incoming edges 2<-0, 2<-1, 2<-2, 2<-3)". */
function nodeText(cell: 0 | 1, group: number): string {
  const [a, b] = EDGE_GROUPS[group];
  const edges = Array.from({ length: b - a }, (_, i) => edgeLabel(a + i)).join(', ');
  return `state ${group + 2} of the ${CELLS[cell]} cell (incoming edges ${edges})`;
}

/** Why DARTS override `o` cannot be applied at point `p`, or null when it can. */
export function checkDartsOverride(p: SteerPoint, o: Override): Refusal | null {
  const refuse = (reason: RefusalReason, why: string) => refusalOf('darts', o, reason, why);
  if (o.cell === undefined)
    return refuse('unknown-edge', 'the DARTS space has two cells, so an edge names its cell (write it as normal:2<-1 or reduce:2<-1)');
  if (!(CELLS as readonly string[]).includes(o.cell))
    return refuse('unknown-edge', `there is no cell "${o.cell}" (cells: ${CELLS.join(', ')})`);
  if (!Number.isInteger(o.edge) || o.edge < 0 || o.edge >= NUM_EDGES)
    return refuse('unknown-edge', `there is no such edge (edges: ${Array.from({ length: NUM_EDGES }, (_, e) => edgeLabel(e)).join(', ')})`);
  if (!Number.isInteger(o.op) || o.op < 0 || o.op >= NUM_OPS)
    return refuse('unknown-op', `there is no such op (ops: ${OPS.slice(1).join(', ')})`);
  if (p.finished) return refuse('finished', 'the search has ended');
  const c = dartsRef(o);
  const cell = c.cell!;
  const mask = cell === 0 ? p.mask : masksOf(p).reduce;
  const label = `${o.cell}:${edgeLabel(o.edge)}`;
  if (holds(p.steer.pending, c)) return refuse('contradicts', `it was already pruned by hand in round ${p.round + 1}`);
  if (mask[o.edge][o.op] !== 1)
    return refuse('inactive', o.op === 0 ? "'none' is never among the ops searched" : `it was already pruned from edge ${label}`);
  const group = EDGE_GROUPS.findIndex(([a, b]) => o.edge >= a && o.edge < b);
  const [start, end] = EDGE_GROUPS[group];
  const pinned = p.steer.pins.find((x) => x.cell === cell && x.edge === o.edge);
  if (o.kind === 'prune') {
    if (pinned && sameRef(pinned, c)) return refuse('contradicts', 'it is pinned');
    if (inGroupStep(p)) {
      // The edge's only op: pruning it removes the edge.
      let left = 0;
      for (let e = start; e < end; e++)
        if (mask[e].some((v, op) => op > 0 && v === 1) && !p.steer.pending.some((x) => x.cell === cell && x.edge === e)) left++;
      if (left <= NUM_PER_GROUP)
        return refuse(
          'too-few-edges',
          `in the edge-group step it removes edge ${label}, and ${nodeText(cell, group)} would be left with ${left - 1} incoming edge${left - 1 === 1 ? '' : 's'}; the step keeps ${NUM_PER_GROUP}`,
        );
    } else {
      const left = mask[o.edge].filter((v, op) => v === 1 && !holds(p.steer.pending, { cell, edge: o.edge, op })).length;
      if (left <= 1) return refuse('empty-edge', `it is the last op on edge ${label}, which would be left empty`);
    }
  } else {
    if (pinned) return refuse('second-pin', `edge ${label} already has a pinned op (${OPS[pinned.op]})`);
    const full = p.steer.pins.filter((x) => x.cell === cell && x.edge >= start && x.edge < end);
    if (full.length >= NUM_PER_GROUP)
      return refuse(
        'group-full',
        `${nodeText(cell, group)} already has ${full.length} pinned incoming edges (${full.map((x) => edgeLabel(x.edge)).join(', ')}), and the edge-group step keeps ${NUM_PER_GROUP}`,
      );
  }
  return null;
}
