import { useId } from 'react';
import { EDGES, edgeLabel, OPS } from '../../engine/model/darts/space';
import type { DartsCellLayout } from './darts-geometry';
import { CELL_NAMES, DARTS_OP_COLORS } from './darts-ops';
import { onExplainKey } from '../pictures/open-explain';
import type { SteerMark } from '../steer/marks';

interface Props {
  layout: DartsCellLayout;
  cell: 0 | 1;
  /** 14 × 8 of 0/1: the ops drawn on each edge; a row of zeros is a removed edge. */
  mask: readonly (readonly number[])[];
  /** "edge:op" of the ops pruned at the shown round's end (ringed). */
  pruned?: ReadonlySet<string>;
  /** "edge:op" of the op being measured. */
  current?: string | null;
  testId?: string;
  /** A click on an op (the explain card of that candidate). */
  onOp?: (edge: number, op: number) => void;
  /** What the hand did to an op of the shown round (pinned, pruned by hand), by "edge:op". */
  marks?: ReadonlyMap<string, SteerMark>;
  /** A right click (or the menu key) on an op: the steering menu, placed at (x, y) in the page. */
  onMenu?: (edge: number, op: number, x: number, y: number) => void;
}

/** A button reached by a click, not by Tab (up to 98 ops per cell): the rank table's rows open the same cards and steer from the keyboard. */
const clickable = (open: () => void) => ({
  role: 'button',
  tabIndex: -1,
  onClick: open,
  onKeyDown: (ev: { key: string; preventDefault(): void }) => onExplainKey(ev, open),
});

/** The steering menu on a right click (or the context-menu key on a focused op), placed under the op. */
const menuOn = (open: (x: number, y: number) => void) => ({
  onContextMenu: (ev: React.MouseEvent<SVGRectElement>) => {
    ev.preventDefault();
    const r = ev.currentTarget.getBoundingClientRect();
    open(r.left + r.width / 2, r.bottom);
  },
});

/**
 * One DARTS cell (normal or reduction): its 2 input states and 4 nodes, the 14
 * edges (a removed edge dotted and faint), and on each edge a square per
 * active op in the op's colour, the ones pruned at the round's end ringed.
 */
export function DartsCell({ layout, cell, mask, pruned, current, testId, onOp, marks, onMenu }: Props) {
  const marker = `darts-arrow-${useId().replace(/[^\w-]/g, '')}`;
  const { stateX, stateY, stateR, font, sq } = layout;
  const kept = mask.filter((row) => row.some((v) => v === 1)).length;
  return (
    <svg
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      className="darts-cell"
      role="img"
      aria-label={`DARTS ${CELL_NAMES[cell]} cell: 2 inputs, 4 nodes, ${kept} of ${EDGES.length} edges`}
      data-testid={testId}
      data-edges={kept}
    >
      <defs>
        <marker id={marker} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="#888" />
        </marker>
      </defs>
      {EDGES.map((_, e) => {
        const g = layout.edge(e);
        const ops = mask[e].flatMap((v, op) => (v === 1 ? [op] : []));
        return (
          <g key={edgeLabel(e)} className={ops.length === 0 ? 'darts-edge removed' : 'darts-edge'} data-edge={e}>
            <path d={g.d} className="edge" markerEnd={`url(#${marker})`} />
            {ops.map((op, k) => {
              const key = `${e}:${op}`;
              const mark = marks?.get(key);
              const steered = mark === 'pin' ? ' pinned' : mark === 'prune' ? ' by-hand' : '';
              const cls = `darts-op${pruned?.has(key) ? ' pruned' : ''}${current === key ? ' current' : ''}${steered}`;
              return (
                <rect
                  key={op}
                  className={cls}
                  x={g.mx - (ops.length * (sq + 1)) / 2 + k * (sq + 1)}
                  y={g.my - sq / 2}
                  width={sq}
                  height={sq}
                  rx={2}
                  fill={DARTS_OP_COLORS[op]}
                  data-testid={testId ? `${testId}-op-${e}-${op}` : undefined}
                  data-steer={mark}
                  {...(onOp && clickable(() => onOp(e, op)))}
                  {...(onMenu && menuOn((x, y) => onMenu(e, op, x, y)))}
                >
                  <title>{`${edgeLabel(e)} ${OPS[op]}${mark === 'pin' ? ' (pinned)' : mark === 'prune' ? ' (pruned by hand)' : ''}`}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
      {stateX.map((x, s) => (
        <g key={x} className={s < 2 ? 'node input' : 'node'}>
          <circle cx={x} cy={stateY} r={stateR} />
          <text x={x} y={stateY} dy="0.35em" textAnchor="middle" fontSize={font}>
            {s < 2 ? `c${s === 0 ? '−2' : '−1'}` : s}
          </text>
        </g>
      ))}
    </svg>
  );
}
