/**
 * The explore screen areas around the search: the open tab (kept in the URL's
 * hash) and their wiring to the engine's life cycle. The areas' actions are in
 * ./score, ./study (with ./study-summary) and ./images.
 */
import type { ExploreTab } from './explore-state';
import { reapplyImages, restoreKeptImages } from '../pictures/images';
import { refreshScoreSummary, scoreEngineStopped } from './score';
import { getState, patchExplore, useStore } from '../store';
import { restoreStudy, studyEngineStopped } from './study';

export function setTab(tab: ExploreTab): void {
  patchExplore({ tab });
  const hash = tab === 'search' ? '' : `#${tab}`;
  if (location.hash !== hash) history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  if (tab === 'score') void refreshScoreSummary();
}

/** Wires the explore state to the engine's life cycle and restores the saved study; call once at start-up. */
export function initExplore(): void {
  let prev = getState().engine.status;
  useStore.subscribe((s) => {
    const now = s.engine.status;
    if (now === prev) return;
    prev = now;
    if (now !== 'ready') {
      studyEngineStopped(s.engine.failure);
      scoreEngineStopped();
    }
    if (now === 'ready') {
      reapplyImages();
      if (s.explore.tab === 'score') void refreshScoreSummary();
    }
  });
  void restoreStudy();
  void restoreKeptImages();
  if (getState().explore.tab === 'score') void refreshScoreSummary();
}
