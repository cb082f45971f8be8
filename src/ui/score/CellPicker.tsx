import { EDGES, OPS, edgeLabel } from '../../engine/model/nb201/space';
import { OP_COLORS, OP_SHORT } from '../format';
import { CellNodes } from '../cell/CellNodes';
import { edgeGeometry } from '../cell/geometry';

const edgeGeom = (edge: number) => edgeGeometry(edge, NODE_Y, 400);

const NODE_Y = 175;
const CHIP_W = 78;
const CHIP_H = 19;

/** The cell as a graph with all five ops on each edge; click an op to choose it for that edge. */
export function CellPicker({ ops, onChange, disabled }: { ops: number[]; onChange: (ops: number[]) => void; disabled?: boolean }) {
  const choose = (edge: number, op: number) => {
    if (disabled || ops[edge] === op) return;
    onChange(ops.map((o, i) => (i === edge ? op : o)));
  };
  return (
    <svg
      viewBox="0 0 720 350"
      className="cell-graph cell-picker"
      role="group"
      aria-label="Choose one op per edge"
      data-testid="cell-picker"
    >
      <defs>
        <marker id="pick-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="#888" />
        </marker>
      </defs>
      {EDGES.map((_, e) => (
        <path key={e} d={edgeGeom(e).d} className={`edge${ops[e] === 0 ? ' none' : ''}`} markerEnd="url(#pick-arrow)" />
      ))}
      <CellNodes y={NODE_Y} />
      {EDGES.map((_, e) => {
        const g = edgeGeom(e);
        const top = g.my - (OPS.length * CHIP_H) / 2;
        return (
          <g key={e} className="chips" aria-label={`edge ${edgeLabel(e)}`}>
            {OPS.map((name, op) => {
              const on = ops[e] === op;
              const y = top + op * CHIP_H;
              return (
                <g
                  key={op}
                  className={`chip pick${on ? ' selected' : ''}`}
                  data-testid={`pick-${e}-${op}`}
                  data-selected={on ? '1' : '0'}
                  role="radio"
                  aria-checked={on}
                  aria-label={`edge ${edgeLabel(e)}: ${name}`}
                  tabIndex={0}
                  onClick={() => choose(e, op)}
                  onKeyDown={(ev) => {
                    if (ev.key === 'Enter') {
                      ev.preventDefault();
                      choose(e, op);
                    }
                  }}
                  onKeyUp={(ev) => {
                    // Space acts on key-up (its key-down is held back from the search's shortcuts, see ExploreTabs).
                    if (ev.key === ' ') choose(e, op);
                  }}
                >
                  <title>{`edge ${edgeLabel(e)}: ${name}`}</title>
                  <rect
                    x={g.mx - CHIP_W / 2}
                    y={y}
                    width={CHIP_W}
                    height={CHIP_H - 2}
                    rx={4}
                    fill={on ? OP_COLORS[op] : '#fff'}
                    stroke={OP_COLORS[op]}
                  />
                  <text x={g.mx} y={y + 12.5} textAnchor="middle" fill={on ? '#fff' : '#3c4043'}>
                    {OP_SHORT[op]}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
