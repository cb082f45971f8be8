import { useState } from 'react';
import { EDGES, edgeLabel } from '../../engine/model/nb201/space';
import { OP_COLORS, OP_SHORT } from '../format';
import { CellNodes } from './CellNodes';
import { edgeGeometry } from './geometry';

const edgeGeom = (edge: number) => edgeGeometry(edge, NODE_Y, 390);
import { useShownRound } from '../hooks';
import { explainOp } from './why';

const NODE_Y = 170;
const CHIP_W = 92;
const CHIP_H = 20;

/** The cell's DAG for the shown round: remaining ops per edge; the ones pruned this round fade out. */
export function CellGraph() {
  const round = useShownRound();
  const [hover, setHover] = useState<{ edge: number; op: number } | null>(null);
  const last = round?.measured[round.measured.length - 1];
  const details = round && hover ? explainOp(round, hover.edge, hover.op) : null;
  return (
    <section className="panel cell-panel" aria-label="Cell graph">
      <h2>The cell{round ? ` — round ${round.round + 1}` : ''}</h2>
      <svg
        viewBox="0 0 720 330"
        className="cell-graph"
        role="img"
        aria-label="NAS-Bench-201 cell: 4 nodes, 6 edges"
        data-testid="cell-graph"
      >
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#888" />
          </marker>
        </defs>
        {EDGES.map((_, e) => {
          const g = edgeGeom(e);
          return <path key={e} d={g.d} className="edge" markerEnd="url(#arrow)" />;
        })}
        <CellNodes y={NODE_Y} />
        {EDGES.map((_, e) => {
          const g = edgeGeom(e);
          const ops = round ? [1, 2, 3, 4].filter((op) => round.mask[e][op] === 1) : [1, 2, 3, 4];
          const top = g.my - (ops.length * CHIP_H) / 2;
          return (
            <g key={e} className="chips">
              {ops.map((op, i) => {
                const pruned = round?.end?.pruned.some((p) => p.edge === e && p.op === op) ?? false;
                const current = last !== undefined && last.edge === e && last.op === op && !round?.end;
                const y = top + i * CHIP_H;
                return (
                  <g
                    key={op}
                    className={`chip${pruned ? ' pruned' : ''}${current ? ' current' : ''}`}
                    data-testid={`chip-${e}-${op}`}
                    tabIndex={0}
                    onMouseEnter={() => setHover({ edge: e, op })}
                    onMouseLeave={() => setHover(null)}
                    onFocus={() => setHover({ edge: e, op })}
                    onBlur={() => setHover(null)}
                  >
                    <rect x={g.mx - CHIP_W / 2} y={y} width={CHIP_W} height={CHIP_H - 2} rx={4} fill={OP_COLORS[op]} />
                    <text x={g.mx} y={y + 13} textAnchor="middle">
                      {OP_SHORT[op]}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <div className="op-details" data-testid="op-details" aria-live="polite">
        {details ? (
          <>
            <strong>{details.title}</strong>
            {details.lines.map((l) => (
              <div key={l}>{l}</div>
            ))}
          </>
        ) : (
          <span className="hint">
            Hover an op to see its Δκ_N, ΔR_N, ranks and why it was or was not pruned. Edges: {EDGES.map((_, e) => edgeLabel(e)).join(', ')}
            .
          </span>
        )}
      </div>
    </section>
  );
}
