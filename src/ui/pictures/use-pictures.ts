/**
 * What the pictures of one candidate need from the store: its event (the
 * eigenvalues, κ_N and R_N as measured), the pictures the worker sent for it,
 * and how to ask for the NTK heatmaps again.
 */
import { useEffect, useMemo } from 'react';
import type { CandidateEvent } from '../../engine/search/events';
import { type CandidateKey, keyText } from '../../store/picture-place';
import { computeNtkPictures, showPictures } from '../../store/pictures';
import type { RoundView } from '../../store/rounds';
import { useStore } from '../../store/store';
import { candidateLabel } from '../format';
import { useRounds } from '../hooks';

export interface PictureData {
  key: CandidateKey | null;
  round: RoundView | null;
  event: CandidateEvent | null;
  names: [string, string];
  regions: ReturnType<typeof useSlot>['regions'];
  ntk: ReturnType<typeof useSlot>['ntk'];
  /** R_N of supernet and candidate in the picture's repeat, as the search measured them. */
  searchRegions: [number, number] | null;
  onCompute: (() => void) | null;
}

function useSlot(key: CandidateKey | null) {
  const text = key ? keyText(key) : null;
  const regions = useStore((s) => s.pictures.regions);
  const ntk = useStore((s) => s.pictures.ntk);
  const idle = { data: null, status: 'idle', message: null } as const;
  return { regions: regions.key === text ? regions : idle, ntk: ntk.key === text ? ntk : idle };
}

const NAMES_NONE: [string, string] = ['supernet', 'without the op'];

/** The pictures of `key` (asked for from the worker when they are not there yet). */
export function usePictures(key: CandidateKey | null): PictureData {
  const rounds = useRounds();
  const ready = useStore((s) => s.engine.status === 'ready');
  const text = key ? keyText(key) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key's text stands for the key
  useEffect(() => {
    if (ready) showPictures(key);
  }, [text, ready]);
  const { regions, ntk } = useSlot(key);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key's text stands for the key
  const names = useMemo<[string, string]>(() => (key ? ['supernet', `without ${candidateLabel(key.edge, key.op)}`] : NAMES_NONE), [text]);
  const round = key ? (rounds.find((r) => r.round === key.round) ?? null) : null;
  const event = (key && round?.measured.find((e) => e.edge === key.edge && e.op === key.op)) ?? null;
  const last = event ? event.regions.original.length - 1 : 0;
  return {
    key,
    round,
    event,
    names,
    regions,
    ntk,
    searchRegions: event ? [event.regions.original[last], event.regions.pruned[last]] : null,
    onCompute: key && (ntk.status === 'missing' || ntk.status === 'error') ? () => void computeNtkPictures(key) : null,
  };
}
