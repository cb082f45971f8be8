import { useState } from 'react';
import { EDGES, edgeLabel } from '../../engine/model/nb201/space';
import { useShownRound } from '../hooks';
import { onExplainKey, openExplainCard } from '../pictures/open-explain';
import { CellEdges } from './CellEdges';
import { CellNodes } from './CellNodes';
import { chipY, EDGE_IDS } from './geometry';
import { OpChip } from './OpChip';
import { useCellLayout } from './useCellLayout';
import { explainOp } from './why';
import { OpMenu } from '../steer/OpMenu';
import { SteerNotes } from '../steer/SteerNotes';
import { useSteerMarks } from '../steer/marks';

/** The cell's DAG for the shown round: remaining ops per edge; the ones pruned at its end marked with a dashed red ring. */
export function CellGraph() {
  const round = useShownRound();
  const [hover, setHover] = useState<{ edge: number; op: number } | null>(null);
  const [menu, setMenu] = useState<{ edge: number; op: number; x: number; y: number } | null>(null);
  const marks = useSteerMarks(round?.round ?? null);
  const [box, layout] = useCellLayout(4);
  const last = round?.measured[round.measured.length - 1];
  const details = round && hover ? explainOp(round, hover.edge, hover.op) : null;
  return (
    <section className="panel cell-panel" aria-label="Cell graph">
      <h2>The cell{round ? ` — round ${round.round + 1}` : ''}</h2>
      <div ref={box} className="cell-box">
        {layout && (
          <svg
            width={layout.width}
            height={layout.height}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
            className="cell-graph"
            role="img"
            aria-label="NAS-Bench-201 cell: 4 nodes, 6 edges"
            data-testid="cell-graph"
            data-round={round ? round.round + 1 : 0}
            data-ranked={round?.end ? '1' : '0'}
          >
            <CellEdges geometry={layout.edge} />
            <CellNodes layout={layout} />
            {EDGE_IDS.map((e) => {
              const g = layout.edge(e);
              const ops = round ? [1, 2, 3, 4].filter((op) => round.mask[e][op] === 1) : [1, 2, 3, 4];
              return (
                <g key={e} className="chips">
                  {ops.map((op, i) => {
                    const pruned = round?.end?.pruned.some((p) => p.edge === e && p.op === op) ?? false;
                    const current = last !== undefined && last.edge === e && last.op === op && !round?.end;
                    const mark = marks.get(`${e}:${op}`);
                    const y = chipY(g.my, ops.length, i, layout.chipH);
                    return (
                      <OpChip
                        key={op}
                        op={op}
                        cx={g.mx}
                        y={y}
                        width={layout.chipW}
                        height={layout.chipH}
                        font={layout.font}
                        className={`chip${pruned ? ' pruned' : ''}${current ? ' current' : ''}${mark === 'pin' ? ' pinned' : mark === 'prune' ? ' by-hand' : ''}`}
                        data-steer={mark}
                        onContextMenu={(ev) => {
                          ev.preventDefault();
                          setMenu({ edge: e, op, x: g.mx, y: y + layout.chipH });
                        }}
                        data-testid={`chip-${e}-${op}`}
                        tabIndex={0}
                        onMouseEnter={() => setHover({ edge: e, op })}
                        onMouseLeave={() => setHover(null)}
                        onFocus={() => setHover({ edge: e, op })}
                        onBlur={() => setHover(null)}
                        onClick={() => openExplainCard(round, e, op)}
                        onKeyDown={(ev) => onExplainKey(ev, () => openExplainCard(round, e, op))}
                      />
                    );
                  })}
                </g>
              );
            })}
          </svg>
        )}
        {menu && <OpMenu {...menu} onClose={() => setMenu(null)} />}
      </div>
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
      <SteerNotes />
    </section>
  );
}
