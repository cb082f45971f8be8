/**
 * The searched cell's own κ_N and R_N: measured once a live search has found
 * it, with the search's settings and seed, so that the κ_N and R_N
 * trajectories end on the cell the supernet was pruned down to. Played-back
 * runs carry no such measurement (nothing is computed for them).
 */
import type { SearchEvent } from '../../engine/search/events';
import type { Settings } from '../../engine/model/settings';
import type { EngineClient } from '../../worker/client';
import type { FinalCell } from '../slices/run';
import { getState, setState } from '../store';

/** Names a search's result: its seed, settings and architecture. */
export function finalCellKey(seed: number, settings: Settings | null, events: readonly SearchEvent[]): string | null {
  const result = events.find((e) => e.type === 'result');
  return result?.type === 'result' && settings ? JSON.stringify([seed, settings, result.arch]) : null;
}

const mean = (v: readonly number[]) => {
  const f = v.filter(Number.isFinite);
  return f.length === 0 ? null : f.reduce((a, b) => a + b, 0) / f.length;
};

/** Measures the result's cell (no-op without a result); its outcome goes to `finalCell`, a failure only leaves the point out. */
export async function measureFinalCell(
  api: EngineClient['api'],
  settings: Settings,
  seed: number,
  events: readonly SearchEvent[],
): Promise<void> {
  const result = events.find((e) => e.type === 'result');
  const key = finalCellKey(seed, settings, events);
  // The DARTS space's cells are not scored here (its trajectories end on the last round).
  if (result?.type !== 'result' || key === null || settings.space === 'darts') return;
  setState({ finalCell: { key, status: 'measuring', kappa: null, regions: null } });
  const done = (cell: FinalCell) => {
    if (getState().finalCell?.key === key) setState({ finalCell: cell });
  };
  try {
    const out = await api.scoreOne({ settings, seed, ops: result.ops });
    if (out.status === 'done') done({ key, status: 'done', kappa: mean(out.score.kappa), regions: mean(out.score.regions) });
    else done({ key, status: 'failed', kappa: null, regions: null });
  } catch {
    done({ key, status: 'failed', kappa: null, regions: null });
  }
}

/** The final cell of the run on screen, once measured; null otherwise (not yet, a replay, another run). */
export function finalCellOf(s: ReturnType<typeof getState>): FinalCell | null {
  const f = s.finalCell;
  return f && f.key === finalCellKey(s.run.seed, s.run.settings, s.run.events) ? f : null;
}
