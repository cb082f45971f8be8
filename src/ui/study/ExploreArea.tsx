import { useStore } from '../../store/store';
import { BackendPanel } from '../controls/BackendPanel';
import { SettingsPanel } from '../controls/SettingsPanel';
import { ImagesPanel } from '../images/ImagesPanel';
import { Fold } from '../layout/Fold';
import { ScorePanel } from '../score/ScorePanel';
import { StudyPanel } from './StudyPanel';

/** The explore screen areas (score a cell, correlation study, own images), with the shared settings beside them. */
export function ExploreArea() {
  const tab = useStore((s) => s.explore.tab);
  const images = useStore((s) => s.explore.images.info);
  return (
    <div className="layout explore" data-testid={`explore-${tab}`}>
      <aside className="sidebar" aria-label="Settings and compute">
        <Fold summary="Settings and compute" testId="fold-explore-settings">
          <SettingsPanel />
          <p className="hint images-line" data-testid="images-line">
            Images: {images.source === 'own' ? `yours — ${images.label}` : 'CIFAR-10 (bundled)'}
          </p>
          <BackendPanel />
        </Fold>
      </aside>
      <main className="content">
        {tab === 'score' && <ScorePanel />}
        {tab === 'study' && <StudyPanel />}
        {tab === 'images' && <ImagesPanel />}
      </main>
    </div>
  );
}
