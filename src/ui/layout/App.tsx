import { useEffect } from 'react';
import { useStore } from '../../store/store';
import { CellGraph } from '../cell/CellGraph';
import { TradeoffPanel } from '../charts/TradeoffPanel';
import { TrajectoryPanel } from '../charts/TrajectoryPanel';
import { BackendPanel } from '../controls/BackendPanel';
import { Progress } from '../controls/Progress';
import { RunControls } from '../controls/RunControls';
import { SettingsPanel } from '../controls/SettingsPanel';
import { DebugPanel } from '../debug/DebugPanel';
import { ResultCard } from '../result/ResultCard';
import { ErrorPanel } from './ErrorPanel';
import { Glossary } from './Glossary';
import { Header } from './Header';
import { Notices } from './Notices';
import { useKeyboard } from './useKeyboard';

export function App() {
  const large = useStore((s) => s.params.large);
  useKeyboard();
  useEffect(() => {
    document.documentElement.classList.toggle('large', large);
  }, [large]);
  return (
    <div className="app">
      <Header />
      <Notices />
      <ErrorPanel />
      <Glossary />
      <div className="layout">
        <aside className="sidebar">
          <RunControls />
          <Progress />
          <SettingsPanel />
          <BackendPanel />
          <DebugPanel />
        </aside>
        <main className="content">
          <TradeoffPanel />
          <div className="row">
            <CellGraph />
            <TrajectoryPanel />
          </div>
          <ResultCard />
        </main>
      </div>
    </div>
  );
}
