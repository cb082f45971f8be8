import { setParams } from '../../store/controller';
import { useStore } from '../../store/store';
import { BACKEND_CHOICES, type BackendChoice, PARALLEL_CHOICES, type Parallel } from '../../worker/protocol';

const LABELS: Record<BackendChoice, string> = {
  auto: 'auto (WebGPU on a hardware GPU)',
  webgpu: 'WebGPU',
  wasm: 'WebAssembly',
  cpu: 'plain JS (cpu)',
};
const PARALLEL_LABELS: Record<Parallel, string> = {
  rows: 'row helpers (one worker per core)',
  threads: 'XNNPACK threads (needs cross-origin isolation)',
};

/** The backend choice, what the worker chose and why, and the WebGPU adapter it found. */
export function BackendPanel() {
  const choice = useStore((s) => s.params.backend);
  const parallel = useStore((s) => s.params.parallel);
  const engine = useStore((s) => s.engine);
  const busy = useStore((s) => s.run.status === 'running' || s.run.status === 'paused');
  const a = engine.report?.adapter;
  return (
    <section className="panel backend" aria-label="Compute backend">
      <h2>Compute</h2>
      <label className="field">
        <span>Backend</span>
        <select
          value={choice}
          disabled={busy}
          data-testid="backend-choice"
          onChange={(e) => setParams({ backend: e.target.value as BackendChoice })}
        >
          {BACKEND_CHOICES.map((b) => (
            <option key={b} value={b}>
              {LABELS[b]}
            </option>
          ))}
        </select>
      </label>
      <label
        className="field"
        title="How WebAssembly uses the cores: helper workers sharing the rows of every NTK, or tfjs's threaded build"
      >
        <span>Cores (WebAssembly)</span>
        <select
          value={parallel}
          disabled={busy}
          data-testid="parallel-choice"
          onChange={(e) => setParams({ parallel: e.target.value as Parallel })}
        >
          {PARALLEL_CHOICES.map((p) => (
            <option key={p} value={p}>
              {PARALLEL_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      {engine.status === 'starting' && <p>Starting the engine…</p>}
      {engine.report && (
        <>
          <p>
            Running on <strong data-testid="backend-name">{engine.report.backend}</strong>
            {(engine.report.rowThreads ?? 1) > 1 && (
              <span
                data-testid="row-threads"
                title="Each NTK's Jacobian rows are shared among this many threads, each with its own WebAssembly engine"
              >
                {' '}
                on {engine.report.rowThreads} threads
              </span>
            )}
          </p>
          <p className="reason" data-testid="backend-reason">
            {engine.report.reason}
          </p>
        </>
      )}
      {a && (
        <p className="adapter" data-testid="adapter-info" data-found={a.found} data-fallback={a.fallback}>
          {a.found
            ? `WebGPU adapter: ${a.vendor || 'unknown vendor'}, ${a.architecture || 'unknown architecture'}${a.description ? ` (${a.description})` : ''} — ${a.fallback ? 'software (fallback)' : 'hardware'}`
            : `WebGPU adapter: none — ${a.problem ?? 'not available'}`}
        </p>
      )}
    </section>
  );
}
