/**
 * Which ops "every alternative on one edge" tries at a point of a search:
 * those still on the edge (not pruned by hand in the open round), each a pin
 * the rules of the space allow there (./steer-space names the edge; a DARTS
 * edge is one of a cell's). Else one sentence saying why there is nothing to try.
 */
import { checkOverride, type SteerPoint } from '../../engine/search/overrides';
import { edgeName, type OpRef, overrideOf, type SpaceName, searchedOps } from './steer-space';

const sentence = (s: string) => `${s[0].toUpperCase()}${s.slice(1)}.`;

/** The ops to pin on `edge` (of `cell`, DARTS) at `p`, one branch each; a refusal text when there are fewer than two. */
export function alternativeOps(p: SteerPoint, space: SpaceName, edge: number, cell?: number): number[] | string {
  const name = edgeName(edge, cell);
  if (p.finished) return 'The search has ended.';
  const here = (x: OpRef) => x.edge === edge && x.cell === cell;
  if (p.steer.pins.some(here)) return `Edge ${name} already has a pinned op.`;
  const mask = cell === 1 ? p.maskReduce : p.mask;
  const ops = searchedOps(space).filter((op) => mask?.[edge]?.[op] === 1 && !p.steer.pending.some((x) => here(x) && x.op === op));
  if (ops.length < 2) return `Only one op is left on edge ${name}: there is no alternative.`;
  const refusals = ops.map((op) => checkOverride(p, overrideOf('pin', { edge, op, cell })));
  const allowed = ops.filter((_, i) => refusals[i] === null);
  if (allowed.length < 2) return sentence(refusals.find((r) => r !== null)?.message ?? `only one op can be pinned on edge ${name}`);
  return allowed;
}
