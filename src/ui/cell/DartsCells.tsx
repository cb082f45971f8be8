import { useDeferredValue, useMemo, useState } from 'react';
import './darts.css';
import { dartsRoundsOf } from '../../store/run/darts-view';
import { useStore } from '../../store/store';
import { dartsCellLayout } from './darts-geometry';
import { DartsCell } from './DartsCell';
import { DartsLegend } from './DartsLegend';
import { useCellLayout } from './useCellLayout';
import { openExplainCard } from '../pictures/open-explain';
import { useSteerMarks } from '../steer/marks';
import { OpMenu } from '../steer/OpMenu';
import { SteerNotes } from '../steer/SteerNotes';

/** The marks of one cell, keyed "edge:op" as DartsCell takes them (the steering marks are keyed "cell:edge:op"). */
function cellMarks<T>(marks: ReadonlyMap<string, T>, cell: number): Map<string, T> {
  const prefix = `${cell}:`;
  return new Map([...marks].flatMap(([k, v]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), v] as const] : [])));
}

/**
 * The DARTS space's two cells for the shown round: every op still on each edge
 * (7 per edge at the start, 4, then 1), the ones pruned at the round's end
 * ringed; in the edge-group step, the edges it removes ringed, then gone. A
 * right click on an op steers it (pin, prune, every op left on its edge).
 */
export function DartsCells() {
  const events = useDeferredValue(useStore((s) => s.run.events));
  const view = useStore((s) => s.viewRound);
  const rounds = useMemo(() => dartsRoundsOf(events), [events]);
  const round = rounds.find((r) => r.round === view) ?? rounds.at(-1) ?? null;
  const marks = useSteerMarks(round?.round ?? null);
  const [menu, setMenu] = useState<{ edge: number; op: number; cell: 0 | 1; x: number; y: number } | null>(null);
  const [box, base] = useCellLayout(1);
  const layout = base ? dartsCellLayout(base.width, base.font) : null;
  const pruned = (cell: number) =>
    new Set((round?.end?.pruned ?? []).filter((p) => (p.cell ?? 0) === cell).map((p) => `${p.edge}:${p.op}`));
  const last = round && !round.end ? round.measured.at(-1) : undefined;
  const full = Array.from({ length: 14 }, () => [0, 1, 1, 1, 1, 1, 1, 1]);
  const title = round ? (round.phase === 'group' ? ' — edge-group step' : ` — round ${round.round + 1}`) : '';
  return (
    <section
      className="panel cell-panel darts-cells"
      aria-label="DARTS cells"
      data-testid="darts-cells"
      data-round={round ? round.round + 1 : 0}
    >
      <h2>The cells{title}</h2>
      <div ref={box} className="cell-box">
        {layout &&
          ([0, 1] as const).map((cell) => (
            <figure key={cell} className="darts-cell-figure">
              <figcaption>{cell === 0 ? 'Normal cell' : 'Reduction cell (stride 2 from its inputs)'}</figcaption>
              <DartsCell
                layout={layout}
                cell={cell}
                mask={round?.masks[cell] ?? full}
                pruned={pruned(cell)}
                current={last && (last.cell ?? 0) === cell ? `${last.edge}:${last.op}` : null}
                testId={`darts-cell-${cell}`}
                onOp={(edge, op) => openExplainCard(round, edge, op, cell)}
                marks={cellMarks(marks, cell)}
                onMenu={(edge, op, x, y) => {
                  const at = box.current?.getBoundingClientRect();
                  setMenu({ edge, op, cell, x: x - (at?.left ?? 0), y: y - (at?.top ?? 0) });
                }}
              />
            </figure>
          ))}
        {menu && <OpMenu {...menu} onClose={() => setMenu(null)} />}
      </div>
      <DartsLegend />
      <p className="hint">
        States c−2, c−1: the cell's two inputs; 2–5: its nodes. Each square is an op still on its edge; a ringed one is pruned at the
        round's end (click one measured in the round to see why). Two rounds prune 3 ops per edge (7 → 4 → 1), then the edge-group step
        keeps 2 incoming edges per node.
      </p>
      <SteerNotes />
    </section>
  );
}
