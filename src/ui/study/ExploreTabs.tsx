import { useEffect } from 'react';
import { getState, useStore } from '../../store/store';
import { setTab } from '../../store/explore';
import { EXPLORE_TABS, TAB_LABELS } from '../../store/explore-state';
import { usePageImageDrop } from '../images/load';
import './study.css';

/**
 * Off the Search tab, Space and → must not run or step the (hidden) search: this capture listener is
 * registered before the App's keyboard shortcuts (child effects run first) and stops those keys there.
 */
function useExploreKeys(): void {
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (getState().explore.tab === 'search') return;
      const space = e.code === 'Space' || e.key === ' ';
      if (!space && e.key !== 'ArrowRight') return;
      const t = e.target;
      if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return;
      e.stopImmediatePropagation();
      if (space && t instanceof Element && t.closest('.cell-picker')) e.preventDefault();
    };
    window.addEventListener('keydown', down, true);
    return () => window.removeEventListener('keydown', down, true);
  }, []);
}

/** The screen areas: the search as it was, and the explore views beside it. */
export function ExploreTabs() {
  const tab = useStore((s) => s.explore.tab);
  const study = useStore((s) => s.explore.study);
  const images = useStore((s) => s.explore.images.info);
  const own = images.source === 'own';
  usePageImageDrop();
  useExploreKeys();
  const busy = study.status === 'running' || study.status === 'paused';
  return (
    <>
      <nav className="explore-tabs tabs" role="tablist" aria-label="Screen areas">
        {EXPLORE_TABS.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} data-testid={`tab-${t}`} onClick={() => setTab(t)}>
            {TAB_LABELS[t]}
            {t === 'study' && busy && study.progress ? ` (${study.progress.done}/${study.progress.total})` : ''}
            {t === 'images' && own ? ' ●' : ''}
          </button>
        ))}
      </nav>
      {own && tab === 'search' && (
        <p className="hint own-images-note" data-testid="own-images-note">
          κ_N and R_N are measured on your images ({images.label}), not CIFAR-10 — see “Your images”.
        </p>
      )}
    </>
  );
}
