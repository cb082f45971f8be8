import { OPS } from '../../engine/model/nb201/space';
import { steer } from '../../store/steer';
import { candidateLabel } from '../format';

/** Pin / Prune for one op of one edge (the rank table's rows, the cell graph's op menu, the explain card), in `round` (default: the round on screen). */
export function SteerButtons({ edge, op, round, onDone }: { edge: number; op: number; round?: number; onDone?: () => void }) {
  const act = (kind: 'pin' | 'prune') => (ev: React.MouseEvent) => {
    ev.stopPropagation();
    onDone?.();
    void steer({ kind, edge, op }, round);
  };
  const label = candidateLabel(edge, op);
  return (
    <span className="steer-buttons">
      <button
        type="button"
        className="steer-pin"
        onClick={act('pin')}
        title={`Pin: keep ${OPS[op]} on this edge (the pruning passes over it)`}
        aria-label={`Pin ${label}`}
        data-testid={`pin-${edge}-${op}`}
      >
        Pin
      </button>
      <button
        type="button"
        className="steer-prune"
        onClick={act('prune')}
        title={`Prune: remove ${OPS[op]} from this edge by hand`}
        aria-label={`Prune ${label}`}
        data-testid={`prune-${edge}-${op}`}
      >
        Prune
      </button>
    </span>
  );
}
