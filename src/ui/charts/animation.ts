/**
 * How long the live charts' marks take to move (CSS transitions), per
 * replay/search speed, and when they move at all.
 */
import { useRef } from 'react';
import type { Speed } from '../../store/params/params';
import { useStore } from '../../store/store';

const SPEED_MS: Record<Speed, number> = { full: 400, slow: 700, slower: 1400 };

/**
 * The transition time for a chart's marks now. While a search streams in at
 * full speed the marks animate only when `phase` changes (a round starts or
 * is ranked, another round's tab is chosen), for twice the transition time
 * after it (a pruned point is ringed, then fades); new points of the round
 * then just appear, and the page draws no animation frames between rounds.
 * In the slow replays and once the search has stopped, every change animates.
 */
export function useAnimationMs(phase: string): number {
  const speed = useStore((s) => s.params.speed);
  const fullSpeedSearch = useStore((s) => s.run.status === 'running' && s.params.speed === 'full');
  const changed = useRef({ phase, at: Number.NEGATIVE_INFINITY });
  if (changed.current.phase !== phase) changed.current = { phase, at: performance.now() };
  const ms = SPEED_MS[speed];
  return !fullSpeedSearch || performance.now() - changed.current.at < 2 * ms + 200 ? ms : 0;
}
