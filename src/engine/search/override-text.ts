/**
 * Overrides as text, as the CLI and the page's URL write them: `EDGE:OP`,
 * optionally `@ROUND` — EDGE as the edges are printed (`3<-0`), OP an op's
 * name (`avg_pool_3x3`), ROUND the round (1-based, as printed) at whose end,
 * before its pruning, the override applies; without it, from the start. A
 * list joins `pin:EDGE:OP` / `prune:EDGE:OP` items with commas. Whether an
 * override can apply is decided by ./overrides when the search reaches it.
 */
import { EDGES, edgeLabel, OPS } from '../model/nb201/space';
import type { Override } from './events';
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

/**
 * Parses `EDGE:OP[@ROUND]`; throws OverrideSyntaxError with one line saying
 * what is wrong, starting with `name` (default: the CLI flag, `--pin`).
 */
export function parseOverrideTarget(kind: Override['kind'], text: string, name = `--${kind}`): ScheduledOverride {
  const s = text.trim();
  const shown = `${name} ${JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s)}`;
  const at = s.lastIndexOf('@');
  const body = at < 0 ? s : s.slice(0, at);
  const colon = body.lastIndexOf(':');
  if (colon < 0) throw new OverrideSyntaxError(`${shown}: expected EDGE:OP, e.g. 3<-0:avg_pool_3x3`);
  const edgeText = body.slice(0, colon).trim();
  const opText = body.slice(colon + 1).trim();
  if (edgeText.includes(':'))
    throw new OverrideSyntaxError(`${shown}: NAS-Bench-201 has one cell, so an edge names no cell (write it as 3<-0)`);
  const edge = EDGE_NAMES.indexOf(edgeText.replace(/\s+/g, '').replace('←', '<-'));
  if (edge < 0) throw new OverrideSyntaxError(`${shown}: unknown edge "${edgeText}" (edges: ${EDGE_NAMES.join(', ')})`);
  const op = (OPS as readonly string[]).indexOf(opText);
  if (op < 0) throw new OverrideSyntaxError(`${shown}: unknown op "${opText}" (ops: ${OPS.join(', ')})`);
  if (at < 0) return { kind, edge, op };
  const roundText = s.slice(at + 1).trim();
  const round = Number(roundText);
  if (!/^\d+$/.test(roundText) || round < 1 || round > MAX_ROUND)
    throw new OverrideSyntaxError(`${shown}: the round after @ must be an integer 1..${MAX_ROUND} (got "${roundText}")`);
  return { kind, edge, op, round: round - 1 };
}

/** `EDGE:OP[@ROUND]` of an override (the inverse of parseOverrideTarget). */
export function formatOverrideTarget(o: ScheduledOverride): string {
  return `${edgeLabel(o.edge)}:${OPS[o.op]}${o.round === undefined ? '' : `@${o.round + 1}`}`;
}

/** Parses `pin:EDGE:OP[@ROUND],prune:…`; an empty text is no override. */
export function parseOverrideList(text: string): ScheduledOverride[] {
  if (text.trim() === '') return [];
  return text.split(',').map((item) => {
    const m = /^\s*(pin|prune):(.*)$/.exec(item);
    if (!m) throw new OverrideSyntaxError(`"${item.trim().slice(0, 60)}": expected pin:EDGE:OP or prune:EDGE:OP`);
    return parseOverrideTarget(m[1] as Override['kind'], m[2], `${m[1]}:`);
  });
}

export function formatOverrideList(list: readonly ScheduledOverride[]): string {
  return list.map((o) => `${o.kind}:${formatOverrideTarget(o)}`).join(',');
}
