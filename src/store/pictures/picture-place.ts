/**
 * Which candidate the pictures show, and where it stands in the run (the
 * engine's candidatePlace: the round's masks, its position in the round's
 * listing, how many candidates the earlier rounds measured and, in the DARTS
 * edge-group step, the masks it was measured on) — what the worker needs to
 * draw its inputs again.
 */
import type { Settings } from '../../engine/model/settings';
import { candidatePlace } from '../../engine/search/candidate-place';
import type { SearchEvent } from '../../engine/search/events';
import type { OwnImagesRecord } from '../../engine/search/run-file';
import type { PictureRequest } from '../../worker/pictures-protocol';
import type { RoundView } from '../run/rounds';

/** A candidate of a run: removing `op` from `edge` in `round` (in the DARTS space, of `cell`: 0 normal, 1 reduction). */
export interface CandidateKey {
  round: number;
  edge: number;
  op: number;
  cell?: number;
}

/** "round:edge:op", with ":cell" after it for a DARTS candidate. */
export const keyText = (k: CandidateKey): string => `${k.round}:${k.edge}:${k.op}${k.cell === undefined ? '' : `:${k.cell}`}`;

/** The key a keyText was made from. */
export function parseKey(text: string | null): CandidateKey | null {
  if (!text) return null;
  const [round, edge, op, cell] = text.split(':').map(Number);
  return { round, edge, op, ...(cell !== undefined && { cell }) };
}

export const sameKey = (a: CandidateKey | null, b: CandidateKey | null): boolean =>
  a === b || (a !== null && b !== null && keyText(a) === keyText(b));

/** The candidate's key (a candidate event, a rank-table row, a chart point). */
export const keyOf = (c: { round: number; edge: number; op: number; cell?: number }): CandidateKey => ({
  round: c.round,
  edge: c.edge,
  op: c.op,
  ...(c.cell !== undefined && { cell: c.cell }),
});

/** Whether an event or a listing entry is the candidate of `key` (in its round). */
export const isCandidate = (c: { edge: number; op: number; cell?: number }, key: CandidateKey): boolean =>
  c.edge === key.edge && c.op === key.op && c.cell === key.cell;

/** The last candidate measured in a round (the one the pictures follow while nothing is chosen). */
export function latestKey(round: RoundView | null): CandidateKey | null {
  const last = round?.measured.at(-1);
  return last ? keyOf(last) : null;
}

/** The worker's request for a measured candidate's pictures; null when it has not been measured. */
export function pictureRequest(
  run: { settings: Settings | null; seed: number; events: readonly SearchEvent[] },
  key: CandidateKey,
  ownImages: OwnImagesRecord | null,
): PictureRequest | null {
  if (!run.settings) return null;
  const place = candidatePlace({ settings: run.settings, seed: run.seed, events: run.events }, key);
  return place && { ...place, ...(ownImages && { ownImages }) };
}
