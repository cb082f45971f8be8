import { EDGES, OPS, edgeLabel } from '../../engine/space';
import { OP_COLORS, OP_SHORT } from '../format';

const NODE_X = [60, 260, 460, 660];
const NODE_Y = 175;
const CHIP_W = 78;
const CHIP_H = 19;

function edgeGeometry(edge: number): { d: string; mx: number; my: number } {
  const [to, from] = EDGES[edge];
  const x0 = NODE_X[from];
  const x1 = NODE_X[to];
  const span = to - from;
  if (span === 1) return { d: `M${x0},${NODE_Y} L${x1},${NODE_Y}`, mx: (x0 + x1) / 2, my: NODE_Y };
  const cy = span === 2 ? -40 : 400;
  const cx = (x0 + x1) / 2;
  return { d: `M${x0},${NODE_Y} Q${cx},${cy} ${x1},${NODE_Y}`, mx: cx, my: 0.5 * NODE_Y + 0.5 * cy };
}

/** The cell as a graph with all five ops on each edge; click an op to choose it for that edge. */
export function CellPicker({ ops, onChange, disabled }: { ops: number[]; onChange: (ops: number[]) => void; disabled?: boolean }) {
  const choose = (edge: number, op: number) => {
    if (disabled || ops[edge] === op) return;
    onChange(ops.map((o, i) => (i === edge ? op : o)));
  };
  return (
    <svg viewBox="0 0 720 350" className="cell-graph cell-picker" role="group" aria-label="Choose one op per edge" data-testid="cell-picker">
      <defs>
        <marker id="pick-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="#888" />
        </marker>
      </defs>
      {EDGES.map((_, e) => (
        <path key={e} d={edgeGeometry(e).d} className={`edge${ops[e] === 0 ? ' none' : ''}`} markerEnd="url(#pick-arrow)" />
      ))}
      {NODE_X.map((x, n) => (
        <g key={n} className="node">
          <circle cx={x} cy={NODE_Y} r={22} />
          <text x={x} y={NODE_Y + 5} textAnchor="middle">
            {n}
          </text>
        </g>
      ))}
      {EDGES.map((_, e) => {
        const g = edgeGeometry(e);
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
                  <rect x={g.mx - CHIP_W / 2} y={y} width={CHIP_W} height={CHIP_H - 2} rx={4} fill={on ? OP_COLORS[op] : '#fff'} stroke={OP_COLORS[op]} />
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
