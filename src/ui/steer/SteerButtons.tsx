import { steer } from '../../store/steer/steer';
import { opNames, overrideOf } from '../../store/steer/steer-space';
import { candidateLabel } from '../format';

interface Props {
  edge: number;
  op: number;
  /** DARTS: the edge's cell (0 normal, 1 reduction); absent in NAS-Bench-201. */
  cell?: number;
  round?: number;
  onDone?: () => void;
}

/** A test id of one op's button: `pin-EDGE-OP`, DARTS `pin-CELL-EDGE-OP`. */
const idOf = (kind: string, { edge, op, cell }: Props) => (cell === undefined ? `${kind}-${edge}-${op}` : `${kind}-${cell}-${edge}-${op}`);

/** Pin / Prune for one op of one edge (the rank table's rows, the cells' op menu, the explain card), in `round` (default: the round on screen). */
export function SteerButtons(props: Props) {
  const { edge, op, cell, round, onDone } = props;
  const act = (kind: 'pin' | 'prune') => (ev: React.MouseEvent) => {
    ev.stopPropagation();
    onDone?.();
    void steer(overrideOf(kind, { edge, op, cell }), round);
  };
  const label = candidateLabel(edge, op, cell);
  const name = opNames(cell === undefined ? 'nb201' : 'darts')[op];
  return (
    <span className="steer-buttons">
      <button
        type="button"
        className="steer-pin"
        onClick={act('pin')}
        title={`Pin: keep ${name} on this edge (the pruning passes over it)`}
        aria-label={`Pin ${label}`}
        data-testid={idOf('pin', props)}
      >
        Pin
      </button>
      <button
        type="button"
        className="steer-prune"
        onClick={act('prune')}
        title={`Prune: remove ${name} from this edge by hand`}
        aria-label={`Prune ${label}`}
        data-testid={idOf('prune', props)}
      >
        Prune
      </button>
    </span>
  );
}
