/**
 * The correlation study's τ / ρ summary, computed in the worker: a quick one
 * (no intervals) while rows stream in, at most every 2 s, and the full one
 * with bootstrap intervals when the study stops. Writes `explore.study.summary`.
 */
import { engineReady } from '../run/engine-ready';
import { errorText } from '../run/error-text';
import { studyRowOf } from './explore-state';
import { getState, patchStudy } from '../store';

const study = () => getState().explore.study;

let summaryBusy = false;
let summaryWanted: 'live' | 'final' | null = null;
let lastLive = 0;
/** Pause between live summaries: 2 s, or 10 × the last one's duration (a big study's summary is slow and holds the worker). */
let liveGap = 2000;
/** Bumped by a new or discarded study: summaries of the previous one are dropped. */
let generation = 0;
let timer = false;

/** A new study or none: summaries under way belong to the previous one. */
export function dropSummaries(): void {
  generation++;
}

export function scheduleSummary(kind: 'live' | 'final'): void {
  if (summaryWanted !== 'final') summaryWanted = kind;
  void pumpSummary();
}

async function pumpSummary(): Promise<void> {
  if (summaryBusy || summaryWanted === null) return;
  const kind = summaryWanted;
  if (kind === 'live') {
    const wait = lastLive + liveGap - performance.now();
    if (wait > 0) {
      if (!timer) {
        timer = true;
        setTimeout(() => {
          timer = false;
          void pumpSummary();
        }, wait);
      }
      return;
    }
  }
  summaryWanted = null;
  summaryBusy = true;
  try {
    const api = await engineReady();
    const rows = study().rows;
    if (rows.length === 0) {
      patchStudy({ summary: null, summaryKind: 'none' });
      return;
    }
    if (kind === 'final') patchStudy({ summaryKind: 'computing' });
    const resamples = kind === 'live' ? 0 : rows.length > 1000 ? 200 : 1000;
    const t0 = performance.now();
    const gen = generation;
    const summary = await api.summarizeStudy(rows.map(studyRowOf), resamples);
    if (gen !== generation) return;
    lastLive = performance.now();
    if (kind === 'live') liveGap = Math.max(2000, 10 * (lastLive - t0));
    // A newer final request (more rows) supersedes; a live result never overwrites a final one of the same rows.
    if (study().rows.length === rows.length || kind === 'live')
      patchStudy({ summary, summaryKind: kind === 'final' && study().rows.length === rows.length ? 'final' : 'live' });
  } catch (err) {
    patchStudy({ error: `summary: ${errorText(err)}` });
  } finally {
    summaryBusy = false;
    if (summaryWanted !== null) void pumpSummary();
  }
}
