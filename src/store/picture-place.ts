/**
 * Which candidate the pictures show, and where it stands in the run: the
 * round's mask, its position in the round's listing and how many candidates
 * the earlier rounds measured — what the worker needs to draw its inputs again.
 */
import type { Settings } from '../engine/model/settings';
import type { SearchEvent } from '../engine/search/events';
import type { OwnImagesRecord } from '../engine/search/run-file';
import type { PictureRequest } from '../worker/pictures-protocol';
import type { RoundView } from './rounds';

/** A candidate of a run: removing `op` from `edge` in `round`. */
export interface CandidateKey {
  round: number;
  edge: number;
  op: number;
}

export const keyText = (k: CandidateKey): string => `${k.round}:${k.edge}:${k.op}`;

export const sameKey = (a: CandidateKey | null, b: CandidateKey | null): boolean =>
  a === b || (a !== null && b !== null && keyText(a) === keyText(b));

/** The last candidate measured in a round (the one the pictures follow while nothing is chosen). */
export function latestKey(round: RoundView | null): CandidateKey | null {
  const last = round?.measured.at(-1);
  return last ? { round: last.round, edge: last.edge, op: last.op } : null;
}

/** Whether a run's candidates have pictures: NAS-Bench-201 runs (the DARTS networks are not drawn). */
export function hasPictures(settings: Settings | null): boolean {
  return settings !== null && (settings.space ?? 'nb201') === 'nb201';
}

/** The worker's request for a measured candidate's pictures; null when it has not been measured (or has no pictures). */
export function pictureRequest(
  run: { settings: Settings | null; seed: number; events: readonly SearchEvent[] },
  key: CandidateKey,
  ownImages: OwnImagesRecord | null,
): PictureRequest | null {
  // The pictures are drawn for NAS-Bench-201's networks (a DARTS candidate also names its cell).
  if (!run.settings || !hasPictures(run.settings)) return null;
  let before = 0;
  let mask: number[][] | null = null;
  for (const e of run.events) {
    if (e.type === 'round-start') {
      if (e.round === key.round) mask = e.mask;
      else if (e.round < key.round) before += e.candidates.length;
    }
    if (e.type === 'candidate' && e.round === key.round && e.edge === key.edge && e.op === key.op && mask)
      return {
        settings: run.settings,
        seed: run.seed,
        mask,
        round: e.round,
        index: e.index,
        edge: e.edge,
        op: e.op,
        before,
        ...(ownImages && { ownImages }),
      };
  }
  return null;
}
