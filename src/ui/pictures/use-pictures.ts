/**
 * What the pictures of one candidate need from the store: its event (the
 * eigenvalues, κ_N and R_N as measured), the pictures the worker sent for it,
 * and how to ask for the NTK heatmaps again. While the pictures of a newly
 * requested candidate are on their way, those shown stay (with `stale`), all
 * of one candidate: the view changes once, when the new ones arrive.
 */
import { useDeferredValue, useEffect, useMemo } from 'react';
import type { CandidateEvent } from '../../engine/search/events';
import { type CandidateKey, isCandidate, keyText, parseKey } from '../../store/pictures/picture-place';
import { computeNtkPictures, showPictures } from '../../store/pictures/pictures';
import type { RoundView } from '../../store/run/rounds';
import type { PictureSlot } from '../../store/slices/pictures';
import { useStore } from '../../store/store';
import type { NtkPictures, RegionPictures } from '../../worker/pictures-protocol';
import { candidateLabel } from '../format';
import { useRounds } from '../hooks';

type Shown<T> = Pick<PictureSlot<T>, 'data' | 'status' | 'message'>;

export interface PictureData {
  /** The candidate shown (the one asked for, or while its pictures are on their way, the one before). */
  key: CandidateKey | null;
  /** The pictures shown are not yet those of the candidate asked for. */
  updating: boolean;
  round: RoundView | null;
  event: CandidateEvent | null;
  names: [string, string];
  regions: Shown<RegionPictures>;
  ntk: Shown<NtkPictures>;
  /** R_N of supernet and candidate in the picture's repeat, as the search measured them. */
  searchRegions: [number, number] | null;
  onCompute: (() => void) | null;
}

const computeAgain = () => void computeNtkPictures();
const IDLE = { data: null, status: 'idle', message: null } as const;
const NAMES_NONE: [string, string] = ['supernet', 'without the op'];

/** The pictures of `asked` (asked for from the worker when they are not there yet); `stale`: show the previous ones meanwhile. */
export function usePictures(asked: CandidateKey | null, { stale }: { stale: boolean }): PictureData {
  const rounds = useRounds();
  const ready = useStore((s) => s.engine.status === 'ready');
  const askedText = asked ? keyText(asked) : null;
  const epoch = useStore((s) => s.pictures.epoch);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key's text stands for the key; epoch: another run
  useEffect(() => {
    if (ready) showPictures(asked);
  }, [askedText, ready, epoch]);
  // Deferred: new pictures render in an interruptible background pass, not in the store update's task.
  const regions = useDeferredValue(useStore((s) => s.pictures.regions));
  const ntk = useDeferredValue(useStore((s) => s.pictures.ntk));
  const pending = useStore((s) => s.pictures.pending);
  // The candidate shown: with `stale`, the one whose pictures are here (the one asked for once they come); else the one asked for.
  const shownText = stale && regions.status !== 'idle' ? regions.key : askedText;
  const key = shownText === askedText ? asked : parseKey(shownText);
  const mine = <T>(slot: PictureSlot<T>): Shown<T> =>
    slot.key === shownText ? slot : pending === shownText ? { ...IDLE, status: 'loading' } : IDLE;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key's text stands for the key
  const names = useMemo<[string, string]>(
    () => (key ? ['supernet', `without ${candidateLabel(key.edge, key.op, key.cell)}`] : NAMES_NONE),
    [shownText],
  );
  const round = key ? (rounds.find((r) => r.round === key.round) ?? null) : null;
  const event = (key && round?.measured.find((e) => isCandidate(e, key))) ?? null;
  const last = event ? event.regions.original.length - 1 : 0;
  const ntkShown = mine(ntk);
  return {
    key,
    updating: shownText !== askedText || pending !== null,
    round,
    event,
    names,
    regions: mine(regions),
    ntk: ntkShown,
    searchRegions: event ? [event.regions.original[last], event.regions.pruned[last]] : null,
    // Not while other pictures are on their way (they would replace the heatmaps asked for).
    onCompute: pending === null && (ntkShown.status === 'missing' || ntkShown.status === 'error') ? computeAgain : null,
  };
}
