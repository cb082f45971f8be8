import { cancelAlternatives, closeAlternatives } from '../../store/steer/alternatives';
import { compareRuns } from '../../store/steer/compare';
import { sharedWith, TENAS_CIFAR10 } from '../../store/steer/darts-compare';
import type { AlternativeRow, Alternatives } from '../../store/slices/steer';
import { edgeName, opNames } from '../../store/steer/steer-space';
import { useStore } from '../../store/store';
import { fmtCount } from '../format';
import { usePublishedGenotypes } from '../result/use-published-genotypes';

const NAMES: Record<string, string> = { cifar10: 'CIFAR-10', cifar100: 'CIFAR-100', imagenet16: 'ImageNet16-120' };

/** NAS-Bench-201: the final cell's test accuracy and rank on the class head's dataset. */
function Nb201Cells({ row }: { row: AlternativeRow }) {
  return (
    <>
      <td>{row.test?.toFixed(2) ?? '—'}</td>
      <td>{row.rank !== undefined ? fmtCount(row.rank) : '—'}</td>
    </>
  );
}

/** DARTS: the edges and ops the final genotype shares with TE-NAS's published CIFAR-10 genotype. */
function DartsShared({ row }: { row: AlternativeRow }) {
  const published = usePublishedGenotypes();
  const tenas = published && !(published instanceof Error) ? published.genotypes.find((g) => g.name === TENAS_CIFAR10) : undefined;
  const o = tenas ? sharedWith(row.arch, tenas.genotype) : null;
  return (
    <td data-testid="alternative-shared">
      {o ? `${o.edges} edges, ${o.ops} ops` : row.arch && published instanceof Error ? published.message : '—'}
    </td>
  );
}

function Head({ alt }: { alt: Alternatives }) {
  const name = edgeName(alt.edge, alt.cell);
  return (
    <>
      <h2>
        Every op on edge {name}, kept from round {alt.round + 1}
      </h2>
      <p className="hint">
        Branches of {alt.parent}: each keeps (pins) one op on edge {name} and lets the search finish.{' '}
        {alt.space === 'darts'
          ? "No accuracy table for the DARTS space (no benchmark has trained its cells): each genotype is compared with TE-NAS's published CIFAR-10 genotype, by the edges (of 16) and ops it shares with it."
          : `Accuracy and rank: NAS-Bench-201 test, ${NAMES[alt.dataset] ?? alt.dataset}, among 15,625 cells.`}
      </p>
    </>
  );
}

/**
 * "Try every alternative on one edge": one row per op kept (pinned) → the final cell and what can be said of it
 * (NAS-Bench-201: test accuracy and rank; DARTS: what it shares with TE-NAS's CIFAR-10 genotype); progress and cancel.
 */
export function AlternativesTable() {
  const alt = useStore((s) => s.steer.alternatives);
  const running = useStore((s) => s.steer.job !== null);
  if (!alt) return null;
  const darts = alt.space === 'darts';
  const ops = opNames(alt.space);
  const busy = alt.rows.some((r) => r.status === 'running' || r.status === 'waiting');
  const done = alt.rows.filter((r) => r.status === 'done');
  const best = done.reduce<number | null>((b, r) => (r.rank !== undefined && (b === null || r.rank < b) ? r.rank : b), null);
  return (
    <section className="panel alternatives" aria-label="Every alternative on one edge" data-testid="alternatives">
      <Head alt={alt} />
      <table className={`alternatives-table${darts ? ' darts' : ''}`} data-testid="alternatives-table">
        <thead>
          <tr>
            <th>op kept</th>
            <th>{darts ? 'final genotype' : 'final cell'}</th>
            {darts ? (
              <th>shared with TE-NAS CIFAR-10</th>
            ) : (
              <>
                <th>test %</th>
                <th>rank</th>
              </>
            )}
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
              <td>{ops[r.op]}</td>
              <td>{r.arch ? <code>{r.arch}</code> : r.status === 'running' ? 'computing…' : r.status}</td>
              {darts ? <DartsShared row={r} /> : <Nb201Cells row={r} />}
              <td>
                {r.note && <span className="hint">{r.note}</span>}
                {r.runId && done.length > 1 && (
                  <button
                    type="button"
                    className="link"
                    onClick={() => compareRuns(done[0].runId!, r.runId!)}
                    disabled={r.runId === done[0].runId}
                  >
                    compare with {ops[done[0].op]}
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
