import { useEffect, useState } from 'react';
import { refreshMemory } from '../../store/run/controller';
import { useStore } from '../../store/store';
import { fmtBytes } from '../format';

/** tf.memory() of the worker, polled while open: a leak shows as a growing tensor count. */
export function DebugPanel() {
  const [open, setOpen] = useState(false);
  const memory = useStore((s) => s.memory);
  useEffect(() => {
    if (!open) return;
    void refreshMemory();
    const t = setInterval(() => void refreshMemory(), 2000);
    return () => clearInterval(t);
  }, [open]);
  return (
    <details className="panel debug" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Debug: engine memory</summary>
      {memory ? (
        <dl className="facts" data-testid="memory">
          <dt>backend</dt>
          <dd>{memory.backend}</dd>
          <dt>tensors</dt>
          <dd data-testid="num-tensors">{memory.numTensors}</dd>
          <dt>bytes</dt>
          <dd>{fmtBytes(memory.numBytes)}</dd>
          <dt>data buffers</dt>
          <dd>{memory.numDataBuffers}</dd>
        </dl>
      ) : (
        <p>—</p>
      )}
    </details>
  );
}
