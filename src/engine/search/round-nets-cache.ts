/**
 * A helper thread's networks of the current round, drawn once per round as
 * the search does (./candidate-pool): the requests of one round share them.
 */
import type { RoundNets } from './repeat-inputs';

let last: { key: string; nets: RoundNets } | null = null;

/** The round's networks for this key (seed, round, settings, masks), drawn by `draw` when the round changes. */
export function cachedRoundNets(key: unknown[], draw: () => RoundNets): RoundNets {
  const k = JSON.stringify(key);
  if (last?.key !== k) last = { key: k, nets: draw() };
  return last.nets;
}
