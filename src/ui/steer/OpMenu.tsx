import { useEffect, useRef } from 'react';
import { edgeLabel } from '../../engine/model/nb201/space';
import { tryAlternatives } from '../../store/alternatives';
import { candidateLabel } from '../format';
import { SteerButtons } from './SteerButtons';

/**
 * The menu of an op chip of the cell graph (right click, or the context-menu
 * key on a focused chip): pin or prune it, or try every op left on its edge.
 * Placed under the chip; Escape or a click elsewhere closes it.
 */
export function OpMenu({ edge, op, x, y, onClose }: { edge: number; op: number; x: number; y: number; onClose: () => void }) {
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
      aria-label={`Steer ${candidateLabel(edge, op)}`}
      style={{ left: x, top: y }}
      data-testid="op-menu"
      onKeyDown={(ev) => {
        if (ev.key === 'Escape') {
          ev.stopPropagation();
          onClose();
        }
      }}
    >
      <strong>{candidateLabel(edge, op)}</strong>
      <SteerButtons edge={edge} op={op} onDone={onClose} />
      <button
        type="button"
        data-testid={`try-all-${edge}`}
        onClick={() => {
          onClose();
          void tryAlternatives(edge);
        }}
      >
        Try every op left on edge {edgeLabel(edge)}
      </button>
    </div>
  );
}
