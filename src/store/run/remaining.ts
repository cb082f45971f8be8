/** How much of a run is left to compute: the progress of a branch computed in the background. */
import type { SearchEvent } from '../../engine/search/events';
import { steerAt } from '../../engine/search/overrides';
import { listCandidates } from '../../engine/search/ranking';
import { dartsCandidatesLeft } from './darts-remaining';
import type { SpaceName } from '../steer/steer-space';

/** Candidates still to measure after `events`: the open round's rest, then one op fewer per edge each round (DARTS: ./darts-remaining). */
export function candidatesLeft(events: readonly SearchEvent[], space: SpaceName = 'nb201'): number {
  if (space === 'darts') return dartsCandidatesLeft(events);
  const p = steerAt(events);
  if (p.finished) return 0;
  let open = 0;
  let counts = p.mask.map((row) => row.filter((v, op) => op > 0 && v === 1).length);
  if (p.roundOpen) {
    const listed = listCandidates(p.mask).length;
    const measured = events.filter((e) => e.type === 'candidate' && e.round === p.round).length;
    open = listed - measured;
    counts = counts.map((n, edge) => (n > 1 ? n - Math.max(1, p.steer.pending.filter((c) => c.edge === edge).length) : n));
  }
  let later = 0;
  for (let r = Math.max(...counts.map((n) => n - 1)); r > 0; r--) {
    later += counts.reduce((sum, n) => sum + (n > 1 ? n : 0), 0);
    counts = counts.map((n) => (n > 1 ? n - 1 : n));
  }
  return open + later;
}
