import type { KeyboardEvent } from 'react';
import { edgeLabel, OPS } from '../../engine/model/nb201/space';
import { CellEdges } from '../cell/CellEdges';
import { CellNodes } from '../cell/CellNodes';
import { chipY, EDGE_IDS } from '../cell/geometry';
import { OpChip } from '../cell/OpChip';
import { useCellLayout } from '../cell/useCellLayout';

/** The op chosen by an arrow key on edge `edge`'s radio group (wrapping), or null for other keys. */
function opForKey(key: string, op: number): number | null {
  const n = OPS.length;
  if (key === 'ArrowDown' || key === 'ArrowRight') return (op + 1) % n;
  if (key === 'ArrowUp' || key === 'ArrowLeft') return (op - 1 + n) % n;
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  return null;
}

/**
 * The cell as a graph with all five ops on each edge; click an op to choose it
 * for that edge. Each edge is a radio group with one tab stop (its chosen op):
 * Tab moves from edge to edge, the arrow keys choose the op.
 */
export function CellPicker({ ops, onChange, disabled }: { ops: number[]; onChange: (ops: number[]) => void; disabled?: boolean }) {
  const [box, layout] = useCellLayout(OPS.length);
  const choose = (edge: number, op: number) => {
    if (disabled || ops[edge] === op) return;
    onChange(ops.map((o, i) => (i === edge ? op : o)));
  };
  const onKey = (ev: KeyboardEvent<SVGGElement>, edge: number, op: number) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      choose(edge, op);
      return;
    }
    const next = opForKey(ev.key, op);
    if (next === null) return;
    ev.preventDefault();
    choose(edge, next);
    const svg = ev.currentTarget.ownerSVGElement;
    requestAnimationFrame(() => svg?.querySelector<SVGGElement>(`[data-testid="pick-${edge}-${next}"]`)?.focus());
  };
  return (
    <div ref={box} className="cell-box">
      {layout && (
        // biome-ignore lint/a11y/useSemanticElements: an SVG drawing cannot be a <fieldset>; the group names the radio groups it holds
        <svg
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          className="cell-graph cell-picker"
          role="group"
          aria-label="Choose one op per edge"
          data-testid="cell-picker"
        >
          <CellEdges geometry={layout.edge} edgeClass={(e) => (ops[e] === 0 ? 'none' : '')} />
          <CellNodes layout={layout} />
          {EDGE_IDS.map((e) => {
            const g = layout.edge(e);
            return (
              <g key={e} className="chips" role="radiogroup" aria-label={`edge ${edgeLabel(e)}`} aria-disabled={disabled || undefined}>
                {OPS.map((name, op) => {
                  const on = ops[e] === op;
                  return (
                    <OpChip
                      key={name}
                      op={op}
                      cx={g.mx}
                      y={chipY(g.my, OPS.length, op, layout.chipH)}
                      width={layout.chipW}
                      height={layout.chipH}
                      font={layout.font}
                      hollow={!on}
                      className={`chip pick${on ? ' selected' : ''}`}
                      data-testid={`pick-${e}-${op}`}
                      data-selected={on ? '1' : '0'}
                      role="radio"
                      aria-checked={on}
                      aria-label={`edge ${edgeLabel(e)}: ${name}`}
                      tabIndex={on ? 0 : -1}
                      onClick={() => choose(e, op)}
                      onKeyDown={(ev) => onKey(ev, e, op)}
                    >
                      <title>{`edge ${edgeLabel(e)}: ${name}`}</title>
                    </OpChip>
                  );
                })}
              </g>
            );
          })}
        </svg>
      )}
    </div>
  );
}
