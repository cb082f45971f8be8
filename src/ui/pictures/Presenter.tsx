/**
 * Presenter mode (`present=1`): for a projector — large type, the controls
 * reduced to Run / Step / speed, the trade-off chart and the two pictures
 * large, each with a PNG export. `demo=N` plays recording N of the list
 * straight away (a link in the README opens both recordings this way).
 */
import { useEffect } from 'react';
import { setParams, step } from '../../store/run/controller';
import { useStore } from '../../store/store';
import { TradeoffPanel } from '../charts/TradeoffPanel';
import { RunButton, SpeedSelect } from '../controls/RunButton';
import { Glossary } from '../layout/Glossary';
import { ExplainCard } from './ExplainCard';
import { PicturesPanel } from './PicturesPanel';

function PresenterControls() {
  const status = useStore((s) => s.run.status);
  const stepping = useStore((s) => s.run.stepping);
  const ready = useStore((s) => s.engine.status === 'ready');
  const replay = useStore((s) => s.run.replay);
  const canStep = (ready || replay !== null) && status !== 'running' && stepping === null;
  return (
    <fieldset className="buttons presenter-controls" aria-label="Run controls">
      <RunButton />
      <button type="button" onClick={() => step('candidate')} disabled={!canStep} data-testid="step-candidate">
        Step
      </button>
      <SpeedSelect label="Speed" inline />
    </fieldset>
  );
}

export function Presenter() {
  const replay = useStore((s) => s.run.replay);
  useEffect(() => {
    document.documentElement.classList.add('large');
    return () => {
      document.documentElement.classList.toggle('large', useStore.getState().params.large);
    };
  }, []);
  return (
    <div className="app presenter" data-testid="presenter">
      <div className="presenter-bar">
        <h1>TE-NAS Explorer</h1>
        <PresenterControls />
        <button type="button" className="link" onClick={() => useStore.setState({ glossaryOpen: true })}>
          What am I looking at?
        </button>
        <button type="button" className="link" onClick={() => setParams({ present: false })} data-testid="presenter-exit">
          Leave presenter mode
        </button>
        {replay !== null && <span className="hint">Playing back: {replay}</span>}
      </div>
      <Glossary />
      <div className="presenter-grid">
        <TradeoffPanel />
        <PicturesPanel />
      </div>
      <ExplainCard />
    </div>
  );
}
