/**
 * What the rules of an override (./overrides, ./darts-overrides) work on: a
 * point of a search (its mask or masks, the steering in force, whether a
 * round is open), the refusal of an override with its reason, and how an
 * override is described in either space. The space of a point is told by its
 * masks: a DARTS point carries the reduction cell's mask beside the normal one.
 */
import { edgeLabel as dartsEdgeLabel, NUM_EDGES as DARTS_EDGES, OPS as DARTS_OPS } from '../model/darts/space';
import { EDGES, edgeLabel, type Mask, OPS } from '../model/nb201/space';
import type { Override } from './events';

/** The search spaces a search runs in (settings.space). */
export type SpaceName = 'nb201' | 'darts';

/** The refusal reasons of NAS-Bench-201 (and of DARTS, which adds DARTS_REFUSAL_REASONS). */
export const REFUSAL_REASONS = [
  'unknown-edge',
  'unknown-op',
  'finished',
  'past-round',
  'inactive',
  'empty-edge',
  'second-pin',
  'contradicts',
] as const;
/**
 * DARTS only: 'group-full', a pin that would give a node more than the 2
 * pinned incoming edges the edge-group step keeps; 'too-few-edges', a prune in
 * the edge-group step that would leave a node fewer than 2 incoming edges.
 */
export const DARTS_REFUSAL_REASONS = [...REFUSAL_REASONS, 'group-full', 'too-few-edges'] as const;
/** Why an override was refused. */
export type RefusalReason = (typeof DARTS_REFUSAL_REASONS)[number];

export interface Refusal {
  reason: RefusalReason;
  /** One sentence saying why, naming the edge and the op. */
  message: string;
  override: Override;
}

export class OverrideRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = 'OverrideRefused';
  }
}

/** An op on an edge; in DARTS also its cell (0 = normal, 1 = reduction), absent in NAS-Bench-201. */
export interface SteerRef {
  edge: number;
  op: number;
  cell?: 0 | 1;
}

/** The steering in force at a point of a search. */
export interface Steer {
  /** Pinned ops, at most one per edge (DARTS: per cell and edge). */
  pins: SteerRef[];
  /** Ops pruned by hand while the current round is open: they leave the mask at its end. */
  pending: SteerRef[];
}

export const NO_STEER: Steer = { pins: [], pending: [] };

/** A point of a search: the mask, the steering, whether a round is open (its candidates listed) and whether it has ended. */
export interface SteerPoint {
  /** NAS-Bench-201: the cell's mask; DARTS: the normal cell's. */
  mask: Mask;
  /** DARTS only: the reduction cell's mask. */
  maskReduce?: Mask;
  steer: Steer;
  /** The round open, or the next one to start. */
  round: number;
  roundOpen: boolean;
  finished: boolean;
}

export const sameRef = (a: SteerRef, b: SteerRef) => a.edge === b.edge && a.op === b.op && a.cell === b.cell;
export const holds = (list: readonly SteerRef[], c: SteerRef) => list.some((p) => sameRef(p, c));

/** An override described with the names of `space` (an edge naming a cell shows it, refused in NAS-Bench-201). */
export function describeIn(space: SpaceName, o: Override): string {
  const cell = o.cell !== undefined ? `${o.cell}:` : '';
  if (space === 'darts') {
    const edge = Number.isInteger(o.edge) && o.edge >= 0 && o.edge < DARTS_EDGES ? dartsEdgeLabel(o.edge) : `#${o.edge}`;
    return `${o.kind} ${DARTS_OPS[o.op] ?? `op #${o.op}`} on edge ${cell}${edge}`;
  }
  const edge = o.edge < EDGES.length ? edgeLabel(o.edge) : `#${o.edge}`;
  return `${o.kind} ${OPS[o.op] ?? `op #${o.op}`} on edge ${cell}${edge}`;
}

/** "pin avg_pool_3x3 on edge 3<-0"; a DARTS override (it names its cell): "pin sep_conv_3x3 on edge normal:2<-1". */
export function describeOverride(o: Override): string {
  return describeIn(o.cell !== undefined ? 'darts' : 'nb201', o);
}

/** A refusal of `o` in `space` for `reason`: "cannot pin … on edge …: why". */
export function refusalOf(space: SpaceName, o: Override, reason: RefusalReason, why: string): Refusal {
  return { reason, override: o, message: `cannot ${describeIn(space, o)}: ${why}` };
}
