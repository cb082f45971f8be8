/**
 * Overrides as text, as the CLI and the page's URL write them: `EDGE:OP`,
 * optionally `@ROUND` — EDGE as the edges are printed (`3<-0`), OP an op's
 * name (`avg_pool_3x3`), ROUND the round (1-based, as printed) at whose end,
 * before its pruning, the override applies; without it, from the start. A
 * list joins `pin:EDGE:OP` / `prune:EDGE:OP` items with commas. Whether an
 * override can apply is decided by ./overrides when the search reaches it.
 *
 * In the DARTS space an edge names its cell: `normal:2<-1:sep_conv_3x3`
 * (`CELL:EDGE:OP[@ROUND]`, EDGE as DARTS edges are printed, OP a DARTS op).
 */
import { CELLS, edgeLabel as dartsEdgeLabel, NUM_EDGES as DARTS_EDGES, OPS as DARTS_OPS } from '../model/darts/space';
import { EDGES, edgeLabel, OPS } from '../model/nb201/space';
import type { Override } from './events';
import type { SpaceName } from './steer-point';
import type { ScheduledOverride } from './steering';

export class OverrideSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OverrideSyntaxError';
  }
}

/** Rounds an override can name (NAS-Bench-201 needs 3; the limit only bounds the text). */
const MAX_ROUND = 99;
const EDGE_NAMES = EDGES.map((_, i) => edgeLabel(i));
const DARTS_EDGE_NAMES = Array.from({ length: DARTS_EDGES }, (_, i) => dartsEdgeLabel(i));

/** The names of a space's edges and ops, and its cells (none in NAS-Bench-201). */
const NAMES = {
  nb201: { edges: EDGE_NAMES, ops: OPS as readonly string[], cells: [] as readonly string[] },
  darts: { edges: DARTS_EDGE_NAMES, ops: DARTS_OPS as readonly string[], cells: CELLS as readonly string[] },
};

/**
 * Parses `EDGE:OP[@ROUND]` (DARTS: `CELL:EDGE:OP[@ROUND]`); throws
 * OverrideSyntaxError with one line saying what is wrong, starting with
 * `name` (default: the CLI flag, `--pin`).
 */
export function parseOverrideTarget(
  kind: Override['kind'],
  text: string,
  name = `--${kind}`,
  space: SpaceName = 'nb201',
): ScheduledOverride {
  const s = text.trim();
  const shown = `${name} ${JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s)}`;
  const at = s.lastIndexOf('@');
  const body = at < 0 ? s : s.slice(0, at);
  const colon = body.lastIndexOf(':');
  const darts = space === 'darts';
  const names = NAMES[space];
  const expected = `${shown}: expected ${darts ? 'CELL:EDGE:OP, e.g. normal:2<-1:sep_conv_3x3' : 'EDGE:OP, e.g. 3<-0:avg_pool_3x3'}`;
  if (colon < 0) throw new OverrideSyntaxError(expected);
  let edgeText = body.slice(0, colon).trim();
  const opText = body.slice(colon + 1).trim();
  let cell: string | undefined;
  if (!darts && edgeText.includes(':'))
    throw new OverrideSyntaxError(`${shown}: NAS-Bench-201 has one cell, so an edge names no cell (write it as 3<-0)`);
  if (darts) {
    const sep = edgeText.indexOf(':');
    if (sep < 0 && names.cells.includes(edgeText)) throw new OverrideSyntaxError(expected);
    if (sep < 0)
      throw new OverrideSyntaxError(
        `${shown}: the DARTS space has two cells, so an edge names its cell (write it as normal:${edgeText} or reduce:${edgeText})`,
      );
    cell = edgeText.slice(0, sep).trim();
    edgeText = edgeText.slice(sep + 1).trim();
    if (!names.cells.includes(cell)) throw new OverrideSyntaxError(`${shown}: unknown cell "${cell}" (cells: ${names.cells.join(', ')})`);
  }
  const edge = names.edges.indexOf(edgeText.replace(/\s+/g, '').replace('←', '<-'));
  if (edge < 0) throw new OverrideSyntaxError(`${shown}: unknown edge "${edgeText}" (edges: ${names.edges.join(', ')})`);
  const op = names.ops.indexOf(opText);
  if (op < 0)
    throw new OverrideSyntaxError(`${shown}: unknown op "${opText}" (ops: ${(darts ? names.ops.slice(1) : names.ops).join(', ')})`);
  const target = { kind, edge, op, ...(cell !== undefined && { cell }) };
  if (at < 0) return target;
  const roundText = s.slice(at + 1).trim();
  const round = Number(roundText);
  if (!/^\d+$/.test(roundText) || round < 1 || round > MAX_ROUND)
    throw new OverrideSyntaxError(`${shown}: the round after @ must be an integer 1..${MAX_ROUND} (got "${roundText}")`);
  return { ...target, round: round - 1 };
}

/** `EDGE:OP[@ROUND]` of an override, DARTS `CELL:EDGE:OP[@ROUND]` (it names its cell): the inverse of parseOverrideTarget. */
export function formatOverrideTarget(o: ScheduledOverride): string {
  const at = o.round === undefined ? '' : `@${o.round + 1}`;
  if (o.cell !== undefined) return `${o.cell}:${dartsEdgeLabel(o.edge)}:${DARTS_OPS[o.op]}${at}`;
  return `${edgeLabel(o.edge)}:${OPS[o.op]}${at}`;
}

/** Parses `pin:EDGE:OP[@ROUND],prune:…` (DARTS: `pin:CELL:EDGE:OP…`); an empty text is no override. */
export function parseOverrideList(text: string, space: SpaceName = 'nb201'): ScheduledOverride[] {
  if (text.trim() === '') return [];
  return text.split(',').map((item) => {
    const m = /^\s*(pin|prune):(.*)$/.exec(item);
    if (!m) throw new OverrideSyntaxError(`"${item.trim().slice(0, 60)}": expected pin:EDGE:OP or prune:EDGE:OP`);
    return parseOverrideTarget(m[1] as Override['kind'], m[2], `${m[1]}:`, space);
  });
}

export function formatOverrideList(list: readonly ScheduledOverride[]): string {
  return list.map((o) => `${o.kind}:${formatOverrideTarget(o)}`).join(',');
}
