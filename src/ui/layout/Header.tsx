import { setParams } from '../../store/run/controller';
import { setState, useStore } from '../../store/store';
import { GLOSSARY_BUTTON_ID } from './Glossary';

export function Header() {
  const large = useStore((s) => s.params.large);
  const open = useStore((s) => s.glossaryOpen);
  const report = useStore((s) => s.engine.report);
  return (
    <header className="header">
      <h1>TE-NAS Explorer</h1>
      <p className="tagline">Training-free neural architecture search, pruned round by round in your browser</p>
      <div className="header-actions">
        {report && (
          <span className={`badge backend-${report.backend}`} title={report.reason}>
            {report.backend}
          </span>
        )}
        <button
          type="button"
          id={GLOSSARY_BUTTON_ID}
          aria-expanded={open}
          aria-controls={open ? 'glossary' : undefined}
          data-testid="glossary-button"
          onClick={() => setState({ glossaryOpen: !open })}
        >
          What am I looking at?
        </button>
        <label className="toggle">
          <input type="checkbox" checked={large} onChange={(e) => setParams({ large: e.target.checked })} data-testid="large-type" />
          Large type
        </label>
      </div>
    </header>
  );
}
