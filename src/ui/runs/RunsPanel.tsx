import { useRef } from 'react';
import { exportCsv } from '../../store/run/controller';
import { dismissRunsMessage, importFile, replayDemo } from '../../store/runs/runs';
import { RunTree } from './RunTree';
import { useStore } from '../../store/store';

/** Runs as data: import a run file, recorded demos, the history of finished runs (IndexedDB) as a tree of branches. */
export function RunsPanel() {
  const { history, demos, demosProblem, message, storage } = useStore((s) => s.runs);
  const busy = useStore((s) => s.run.status === 'running' || s.run.status === 'paused');
  const hasEvents = useStore((s) => s.run.events.length > 0);
  const input = useRef<HTMLInputElement>(null);
  return (
    <section className="panel runs-panel" aria-label="Saved and recorded runs" data-testid="runs-panel">
      <h2>Runs</h2>
      <div className="buttons">
        <button type="button" onClick={() => input.current?.click()} disabled={busy} data-testid="import">
          Import run (JSON or CSV)…
        </button>
        <button type="button" onClick={exportCsv} disabled={!hasEvents} data-testid="export-csv">
          Export CSV
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,.csv,application/json,text/csv"
          hidden
          data-testid="import-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importFile(f);
          }}
        />
      </div>
      {message && (
        <p
          className={`runs-message ${message.kind}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="runs-message"
          data-kind={message.kind}
        >
          {message.text}{' '}
          <button type="button" className="link" onClick={dismissRunsMessage} aria-label="Dismiss">
            ×
          </button>
        </p>
      )}
      {storage && (
        <p className="hint" data-testid="storage-problem">
          {storage}
        </p>
      )}
      {demos.length > 0 && (
        <>
          <h3>Recorded demos (play back, no computing)</h3>
          <ul className="run-list" data-testid="demos">
            {demos.map((d, i) => (
              <li key={d.file}>
                <span className="badge">recording</span> {d.label}{' '}
                <button type="button" onClick={() => void replayDemo(d)} disabled={busy} data-testid={`demo-${i}`}>
                  Play
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {demosProblem && <p className="hint">{demosProblem}</p>}
      <h3>History</h3>
      {history.length === 0 ? (
        <p className="hint">Finished searches are kept here, in this browser.</p>
      ) : (
        <RunTree history={history} busy={busy} />
      )}
    </section>
  );
}
