import { useStore } from '../../store/store';
import { setTab } from '../../store/study/explore';
import { EXPLORE_TABS, TAB_LABELS } from '../../store/study/explore-state';
import { onTabListKeyDown, tabStop } from '../controls/tab-keys';
import { usePageImageDrop } from '../images/load';
import './study.css';

/**
 * The screen areas: the search as it was, and the explore views beside it.
 * Off the Search tab the search's shortcuts (Space, →) do nothing (see useKeyboard).
 */
export function ExploreTabs() {
  const tab = useStore((s) => s.explore.tab);
  const study = useStore((s) => s.explore.study);
  const images = useStore((s) => s.explore.images.info);
  const own = images.source === 'own';
  usePageImageDrop();
  const busy = study.status === 'running' || study.status === 'paused';
  return (
    <>
      <div className="explore-tabs tabs" role="tablist" aria-label="Screen areas" onKeyDown={onTabListKeyDown}>
        {EXPLORE_TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            tabIndex={tabStop(tab === t)}
            data-testid={`tab-${t}`}
            onClick={() => setTab(t)}
          >
            {TAB_LABELS[t]}
            {t === 'study' && busy && study.progress ? ` (${study.progress.done}/${study.progress.total})` : ''}
            {t === 'images' && own ? ' ●' : ''}
          </button>
        ))}
      </div>
      {own && tab === 'search' && (
        <p className="hint own-images-note" data-testid="own-images-note">
          κ_N and R_N are measured on your images ({images.label}), not CIFAR-10 — see “Your images”.
        </p>
      )}
    </>
  );
}
