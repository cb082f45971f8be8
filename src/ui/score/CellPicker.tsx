import { OPS, edgeLabel } from '../../engine/model/nb201/space';
import { CellEdges } from '../cell/CellEdges';
import { CellNodes } from '../cell/CellNodes';
import { chipY, EDGE_IDS, edgeGeometry } from '../cell/geometry';
import { OpChip } from '../cell/OpChip';

const NODE_Y = 175;
const CHIP_W = 78;
const CHIP_H = 19;
const edgeGeom = (edge: number) => edgeGeometry(edge, NODE_Y, 400);

/** The cell as a graph with all five ops on each edge; click an op to choose it for that edge. */
export function CellPicker({ ops, onChange, disabled }: { ops: number[]; onChange: (ops: number[]) => void; disabled?: boolean }) {
  const choose = (edge: number, op: number) => {
    if (disabled || ops[edge] === op) return;
    onChange(ops.map((o, i) => (i === edge ? op : o)));
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG drawing cannot be a <fieldset>; the group names the radio chips it holds
    <svg
      viewBox="0 0 720 350"
      className="cell-graph cell-picker"
      role="group"
      aria-label="Choose one op per edge"
      data-testid="cell-picker"
    >
      <CellEdges geometry={edgeGeom} edgeClass={(e) => (ops[e] === 0 ? 'none' : '')} />
      <CellNodes y={NODE_Y} />
      {EDGE_IDS.map((e) => {
        const g = edgeGeom(e);
        return (
          <g key={e} className="chips" aria-label={`edge ${edgeLabel(e)}`}>
            {OPS.map((name, op) => {
              const on = ops[e] === op;
              return (
                <OpChip
                  key={name}
                  op={op}
                  cx={g.mx}
                  y={chipY(g.my, OPS.length, op, CHIP_H)}
                  width={CHIP_W}
                  height={CHIP_H}
                  hollow={!on}
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
                </OpChip>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
