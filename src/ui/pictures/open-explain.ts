/** Opens the explain card from a click on an op, a chart point or a table row (a candidate measured in that round). */
import { hasPictures } from '../../store/picture-place';
import { explainCandidate } from '../../store/pictures';
import { getState } from '../../store/store';
import type { RoundView } from '../../store/rounds';

export function openExplainCard(round: RoundView | null, edge: number, op: number): void {
  if (!hasPictures(getState().run.settings)) return;
  if (round?.measured.some((c) => c.edge === edge && c.op === op)) explainCandidate({ round: round.round, edge, op });
}

/** Enter or Space on a focused op or row opens the card too. */
export function onExplainKey(e: { key: string; preventDefault(): void }, open: () => void): void {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  e.preventDefault();
  open();
}

/** A trade-off chart point ("edge-op" key, its round): opens the card when it was measured there. */
export function explainPoint(p: { key: string; round: number; pending: boolean; leaving: boolean }): void {
  if (p.pending || p.leaving || !hasPictures(getState().run.settings)) return;
  const [edge, op] = p.key.split('-').map(Number);
  explainCandidate({ round: p.round, edge, op });
}
