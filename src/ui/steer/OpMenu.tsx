import { useEffect, useRef } from 'react';
import { tryAlternatives } from '../../store/steer/alternatives';
import { edgeName } from '../../store/steer/steer-space';
import { candidateLabel } from '../format';
import { SteerButtons } from './SteerButtons';

interface Props {
  edge: number;
  op: number;
  /** DARTS: the edge's cell (0 normal, 1 reduction); absent in NAS-Bench-201. */
  cell?: number;
  x: number;
  y: number;
  onClose: () => void;
}

/**
 * The menu of an op of the cell drawing (right click, or the context-menu key
 * on a focused op): pin or prune it, or try every op left on its edge.
 * Placed under the op; Escape or a click elsewhere closes it.
 */
export function OpMenu({ edge, op, cell, x, y, onClose }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    box.current?.querySelector('button')?.focus();
    const away = (ev: PointerEvent) => {
      if (!box.current?.contains(ev.target as Node)) close.current();
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, []);
  return (
    <div
      ref={box}
      className="op-menu"
      role="menu"
      aria-label={`Steer ${candidateLabel(edge, op, cell)}`}
      style={{ left: x, top: y }}
      data-testid="op-menu"
      onKeyDown={(ev) => {
        if (ev.key === 'Escape') {
          ev.stopPropagation();
          onClose();
        }
      }}
    >
      <strong>{candidateLabel(edge, op, cell)}</strong>
      <SteerButtons edge={edge} op={op} cell={cell} onDone={onClose} />
      <button
        type="button"
        data-testid={cell === undefined ? `try-all-${edge}` : `try-all-${cell}-${edge}`}
        onClick={() => {
          onClose();
          void tryAlternatives(edge, cell);
        }}
      >
        Try every op left on edge {edgeName(edge, cell)}
      </button>
    </div>
  );
}
