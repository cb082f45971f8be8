/** Opens the explain card from a click on an op, a chart point or a table row (a candidate measured in that round). */
import { isCandidate } from '../../store/pictures/picture-place';
import { explainCandidate } from '../../store/pictures/pictures';
import type { RoundView } from '../../store/run/rounds';

/** `cell`: a DARTS candidate's cell (0 normal, 1 reduction); absent in NAS-Bench-201. */
export function openExplainCard(round: Pick<RoundView, 'round' | 'measured'> | null, edge: number, op: number, cell?: number): void {
  const key = { round: round?.round ?? 0, edge, op, ...(cell !== undefined && { cell }) };
  if (round?.measured.some((c) => isCandidate(c, key))) explainCandidate(key);
}

/** Enter or Space on a focused op or row opens the card too. */
export function onExplainKey(e: { key: string; preventDefault(): void }, open: () => void): void {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  e.preventDefault();
  open();
}

/** A trade-off chart point ("edge-op" key, "cell-edge-op" in the DARTS space; its round): opens the card when it was measured there. */
export function explainPoint(p: { key: string; round: number; pending: boolean; leaving: boolean }): void {
  if (p.pending || p.leaving) return;
  const parts = p.key.split('-').map(Number);
  const [edge, op] = parts.slice(-2);
  explainCandidate({ round: p.round, edge, op, ...(parts.length === 3 && { cell: parts[0] }) });
}
