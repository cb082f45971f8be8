import { initEngine, retry } from '../../store/run/controller';
import { candidatesDone } from '../../store/run/rounds';
import { useStore } from '../../store/store';

const TITLES = {
  asset: 'A data file could not be loaded',
  oom: 'The engine ran out of memory',
  backend: 'No compute backend could start',
  search: 'The search failed',
  crash: 'The engine worker crashed',
  'device-lost': 'The GPU device was lost',
} as const;

/** Any engine failure: what happened, which file, the settings, and a way to retry. */
export function ErrorPanel() {
  const engine = useStore((s) => s.engine);
  const run = useStore((s) => s.run);
  const failure = run.status === 'error' ? run.failure : engine.status === 'failed' ? engine.failure : null;
  if (!failure) return null;
  const done = candidatesDone(run.events);
  const settings = run.settings;
  return (
    <section className="error-panel" role="alert" data-testid="error-panel">
      <h2 data-testid="error-kind" data-kind={failure.kind}>
        {TITLES[failure.kind]}
      </h2>
      <p className="error-message">{failure.message}</p>
      {failure.file && (
        <p>
          File: <code data-testid="error-file">{failure.file}</code> (expected under <code>./data/</code>)
        </p>
      )}
      {failure.kind === 'oom' && <p>Try a smaller NTK batch, fewer region crops, or the WebAssembly backend.</p>}
      {(failure.kind === 'crash' || failure.kind === 'oom') && done > 0 && (
        <p>The {done} finished candidates are kept (and checkpointed in this browser): Retry restarts the engine and resumes after them.</p>
      )}
      {settings && (
        <details>
          <summary>Settings of the failed run (seed {run.seed})</summary>
          <pre>{JSON.stringify(settings, null, 1)}</pre>
        </details>
      )}
      <div className="buttons">
        <button type="button" className="primary" onClick={() => void retry()} data-testid="retry">
          {done > 0 ? `Retry (resume after candidate ${done})` : 'Retry'}
        </button>
        {failure.kind !== 'crash' && (
          <button type="button" onClick={() => void initEngine()}>
            Restart engine
          </button>
        )}
      </div>
    </section>
  );
}
