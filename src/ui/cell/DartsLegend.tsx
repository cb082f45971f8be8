import { OPS } from '../../engine/model/darts/space';
import { DARTS_OP_COLORS } from './darts-ops';

/** The 7 ops of the DARTS space with their colours. */
export function DartsLegend() {
  return (
    <ul className="darts-legend" aria-label="DARTS ops">
      {OPS.slice(1).map((name, i) => (
        <li key={name}>
          <span className="swatch" style={{ background: DARTS_OP_COLORS[i + 1] }} aria-hidden="true" />
          {name}
        </li>
      ))}
    </ul>
  );
}
