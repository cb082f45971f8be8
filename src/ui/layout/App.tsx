import { lazy, Suspense, useEffect } from 'react';
import { useStore } from '../../store/store';
import { TradeoffPanel } from '../charts/TradeoffPanel';
import { TrajectoryPanel } from '../charts/TrajectoryPanel';
import { BackendPanel } from '../controls/BackendPanel';
import { Progress } from '../controls/Progress';
import { RecordingInfo } from '../controls/RecordingInfo';
import { RunControls } from '../controls/RunControls';
import { SettingsPanel } from '../controls/SettingsPanel';
import { DebugPanel } from '../debug/DebugPanel';
import { CellView, ResultView } from './space-views';
import { CompareView } from '../compare/lazy';
import { AlternativesTable } from '../steer/AlternativesTable';
import { ResumeBanner } from '../runs/ResumeBanner';
import { RunsPanel } from '../runs/RunsPanel';
import { ExplainCard, PicturesPanel, Presenter } from '../pictures/lazy';
import { ExploreTabs } from '../study/ExploreTabs';
import { ErrorPanel } from './ErrorPanel';
import { Fold } from './Fold';
import { Glossary } from './Glossary';
import { Header } from './Header';
import { LoadBoundary } from './LoadBoundary';
import { Notices } from './Notices';
import { useKeyboard } from './useKeyboard';
import './layout.css';

/**
 * The explore areas (score a cell, correlation study, own images) load on
 * first use: the search screen's bundle carries neither their code nor
 * recharts, which only the study's charts use.
 */
const ExploreArea = lazy(() => import('../study/ExploreArea').then((m) => ({ default: m.ExploreArea })));

export function App() {
  const large = useStore((s) => s.params.large);
  const tab = useStore((s) => s.explore.tab);
  const present = useStore((s) => s.params.present);
  useKeyboard();
  useEffect(() => {
    document.documentElement.classList.toggle('large', large);
  }, [large]);
  if (present) return <Presenter />;
  return (
    <div className="app">
      <Header />
      <Notices />
      <ResumeBanner />
      <ErrorPanel />
      <Glossary />
      <ExplainCard />
      <ExploreTabs />
      {tab === 'search' ? (
        <div className="layout search-layout">
          <div className="sidebar area-controls">
            <RunControls />
            <Progress />
            <RecordingInfo />
          </div>
          <aside className="sidebar area-more" aria-label="Runs, settings and compute">
            <Fold summary="Runs, settings and compute" testId="fold-settings">
              <RunsPanel />
              <SettingsPanel />
              <BackendPanel />
              <DebugPanel />
            </Fold>
          </aside>
          <main className="content">
            <TradeoffPanel />
            <div className="row">
              <CellView />
              <TrajectoryPanel />
            </div>
            <PicturesPanel />
            <ResultView />
            <AlternativesTable />
            <CompareView />
          </main>
        </div>
      ) : (
        <LoadBoundary what="This part of the page">
          <Suspense
            fallback={
              <p className="hint loading" data-testid="explore-loading">
                Loading…
              </p>
            }
          >
            <ExploreArea />
          </Suspense>
        </LoadBoundary>
      )}
    </div>
  );
}
