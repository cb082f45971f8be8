import { setParams } from '../../store/run/controller';
import { useStore } from '../../store/store';
import { BACKEND_CHOICES, type BackendChoice, PARALLEL_CHOICES, type Parallel } from '../../worker/protocol';
import { optionsOf, SelectField } from './SelectField';
import { KERNEL_CHOICES, type KernelChoice } from '../../engine/kernels/own-kernels';

const LABELS: Record<BackendChoice, string> = {
  auto: 'auto (WebGPU on a real GPU)',
  webgpu: 'WebGPU',
  wasm: 'WebAssembly',
  cpu: 'plain JS (cpu)',
};
const PARALLEL_LABELS: Record<Parallel, string> = {
  rows: 'row helpers (worker per core)',
  threads: 'XNNPACK threads (isolated page)',
};
const KERNEL_LABELS: Record<KernelChoice, string> = {
  own: 'own (WebAssembly SIMD)',
  tfjs: 'tfjs (XNNPACK)',
};
const BACKEND_OPTIONS = optionsOf(BACKEND_CHOICES, LABELS);
const KERNEL_OPTIONS = optionsOf(KERNEL_CHOICES, KERNEL_LABELS);
const PARALLEL_OPTIONS = optionsOf(PARALLEL_CHOICES, PARALLEL_LABELS);

/** The backend choice, what the worker chose and why, and the WebGPU adapter it found. */
export function BackendPanel() {
  const choice = useStore((s) => s.params.backend);
  const parallel = useStore((s) => s.params.parallel);
  const kernels = useStore((s) => s.params.kernels);
  const engine = useStore((s) => s.engine);
  const busy = useStore((s) => s.run.status === 'running' || s.run.status === 'paused');
  const a = engine.report?.adapter;
  return (
    <section className="panel backend" aria-label="Compute backend">
      <h2>Compute</h2>
      <SelectField
        label="Backend"
        value={choice}
        options={BACKEND_OPTIONS}
        disabled={busy}
        testId="backend-choice"
        onChange={(v) => setParams({ backend: v })}
      />
      <SelectField
        label="Cores (WebAssembly)"
        title="How WebAssembly uses the cores: helper workers sharing the rows of every NTK, or tfjs's threaded build (needs a cross-origin isolated page)"
        value={parallel}
        options={PARALLEL_OPTIONS}
        disabled={busy}
        testId="parallel-choice"
        onChange={(v) => setParams({ parallel: v })}
      />
      <SelectField
        label="Kernels"
        title="Who computes the hot spots of the measures: the project's own kernels (on WebAssembly SIMD kernels vectorised over positions, for the few channels of these networks; on WebGPU WGSL programs that fuse the backward pass's BatchNorm, spreads and weight gradients) or tfjs's (XNNPACK, tfjs's WebGPU programs)"
        value={kernels}
        options={KERNEL_OPTIONS}
        disabled={busy}
        testId="kernels-choice"
        onChange={(v) => setParams({ kernels: v })}
      />
      {engine.status === 'starting' && <p>Starting the engine…</p>}
      {engine.report && (
        <>
          <p>
            Running on <strong data-testid="backend-name">{engine.report.backend}</strong>
            {(engine.report.rowThreads ?? 1) > 1 && (
              <span
                data-testid="row-threads"
                title="A search's candidates are measured by this many threads at once (and a single NTK's Jacobian rows shared among them), each with its own WebAssembly engine"
              >
                {' '}
                on {engine.report.rowThreads} threads
              </span>
            )}
          </p>
          <p className="reason" data-testid="backend-reason">
            {engine.report.reason}
          </p>
          {engine.report.kernels && (
            <p className="reason" data-testid="kernels-info">
              {engine.report.kernels}
            </p>
          )}
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
