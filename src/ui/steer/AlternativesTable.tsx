import { edgeLabel, OPS } from '../../engine/model/nb201/space';
import { cancelAlternatives, closeAlternatives } from '../../store/alternatives';
import { compareRuns } from '../../store/compare';
import { useStore } from '../../store/store';
import { fmtCount } from '../format';

const NAMES: Record<string, string> = { cifar10: 'CIFAR-10', cifar100: 'CIFAR-100', imagenet16: 'ImageNet16-120' };

/** "Try every alternative on one edge": one row per op kept (pinned) → the final cell, its test accuracy and rank; progress and cancel. */
export function AlternativesTable() {
  const alt = useStore((s) => s.steer.alternatives);
  const running = useStore((s) => s.steer.job !== null);
  if (!alt) return null;
  const busy = alt.rows.some((r) => r.status === 'running' || r.status === 'waiting');
  const done = alt.rows.filter((r) => r.status === 'done');
  const best = done.reduce<number | null>((b, r) => (r.rank !== undefined && (b === null || r.rank < b) ? r.rank : b), null);
  return (
    <section className="panel alternatives" aria-label="Every alternative on one edge" data-testid="alternatives">
      <h2>
        Every op on edge {edgeLabel(alt.edge)}, kept from round {alt.round + 1}
      </h2>
      <p className="hint">
        Branches of {alt.parent}: each keeps (pins) one op on edge {edgeLabel(alt.edge)} and lets the search finish. Accuracy and rank:
        NAS-Bench-201 test, {NAMES[alt.dataset] ?? alt.dataset}, among 15,625 cells.
      </p>
      <table className="alternatives-table" data-testid="alternatives-table">
        <thead>
          <tr>
            <th>op kept</th>
            <th>final cell</th>
            <th>test %</th>
            <th>rank</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {alt.rows.map((r) => (
            <tr
              key={r.op}
              data-testid="alternative-row"
              data-status={r.status}
              className={r.rank !== undefined && r.rank === best ? 'best' : ''}
            >
              <td>{OPS[r.op]}</td>
              <td>{r.arch ? <code>{r.arch}</code> : r.status === 'running' ? 'computing…' : r.status}</td>
              <td>{r.test?.toFixed(2) ?? '—'}</td>
              <td>{r.rank !== undefined ? fmtCount(r.rank) : '—'}</td>
              <td>
                {r.note && <span className="hint">{r.note}</span>}
                {r.runId && done.length > 1 && (
                  <button
                    type="button"
                    className="link"
                    onClick={() => compareRuns(done[0].runId!, r.runId!)}
                    disabled={r.runId === done[0].runId}
                  >
                    compare with {OPS[done[0].op]}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="buttons">
        {busy && running && (
          <button type="button" onClick={cancelAlternatives} data-testid="alternatives-cancel">
            Cancel
          </button>
        )}
        <button type="button" onClick={closeAlternatives} data-testid="alternatives-close">
          Close
        </button>
      </div>
    </section>
  );
}
