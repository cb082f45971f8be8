import { useMemo } from 'react';
import { describeOverride } from '../../engine/search/overrides';
import type { Run } from '../../engine/search/run-file';
import { closeCompare, historyRun } from '../../store/steer/compare';
import { jointTrajectory, type PrunedRef, partings } from '../../store/steer/run-diff';
import { describeRunSettings } from '../../store/runs/runs';
import { edgeName, opNames, type SpaceName, spaceOf } from '../../store/steer/steer-space';
import { useStore } from '../../store/store';
import { CompareCharts } from './CompareCharts';
import { DartsCompare } from './DartsCompare';
import { Nb201Compare } from './Nb201Compare';

/** Ops of one side of a parting named one by one up to this many, then counted (a DARTS round prunes up to 84). */
const MAX_NAMED = 8;

/** What what: "3<-0 avg_pool_3x3, …" (DARTS: "normal:2<-1 sep_conv_3x3, …"). */
function prunedText(space: SpaceName, refs: readonly PrunedRef[]): string {
  const named = refs
    .slice(0, MAX_NAMED)
    .map((c) => `${edgeName(c.edge, space === 'darts' ? (c.cell ?? 0) : undefined)} ${opNames(space)[c.op]}`);
  const more = refs.length > MAX_NAMED ? ` and ${refs.length - MAX_NAMED} more` : '';
  return named.length === 0 ? 'nothing else' : `${named.join(', ')}${more}`;
}

/** What a run is: its settings, and for a branch where it parted. */
function RunHead({ side, run }: { side: string; run: Run }) {
  const overrides = run.events.flatMap((e, at) => (e.type === 'override' ? [{ ...e, at }] : []));
  return (
    <div className="compare-head" data-testid={`compare-head-${side}`}>
      <strong className={`side side-${side}`}>{side}</strong> {describeRunSettings(run)}
      {run.parent && <div className="hint">branch of {run.parent.label ?? run.parent.id}</div>}
      {overrides.map((e) => (
        <div key={e.at} className="hint">
          round {e.round + 1}: {describeOverride(e.override)}
        </div>
      ))}
    </div>
  );
}

/** The final cells of both runs, as their space draws them. */
function FinalCells({ a, b }: { a: Run; b: Run }) {
  const space = spaceOf(a.settings);
  if (space !== spaceOf(b.settings))
    return <p className="hint">A and B are searches of different spaces: only their κ_N and R_N are drawn together.</p>;
  return space === 'darts' ? <DartsCompare a={a} b={b} /> : <Nb201Compare a={a} b={b} />;
}

/**
 * Two runs side by side: what each is, their final cells (NAS-Bench-201: edge by edge with the edges that differ
 * marked, test accuracies and ranks on the three datasets; DARTS: both genotypes drawn, the edges and ops they
 * share), their κ_N and R_N per round overlaid, and the rounds where their pruning parts.
 */
export function CompareView() {
  const ids = useStore((s) => s.steer.compare);
  useStore((s) => s.runs.history);
  const a = ids ? historyRun(ids[0]) : null;
  const b = ids ? historyRun(ids[1]) : null;
  const joint = useMemo(() => (a && b ? jointTrajectory(a.events, b.events) : []), [a, b]);
  const parts = useMemo(() => (a && b ? partings(a.events, b.events) : []), [a, b]);
  if (!ids) return null;
  if (!a || !b)
    return (
      <section className="panel compare-view" data-testid="compare-view">
        <h2>Comparison</h2>
        <p className="hint">One of the two runs is no longer in the history.</p>
        <button type="button" onClick={closeCompare}>
          Close
        </button>
      </section>
    );
  const space = spaceOf(a.settings);
  return (
    <section className="panel compare-view" aria-label="Two runs compared" data-testid="compare-view" data-space={space}>
      <h2>
        Comparison{' '}
        <button type="button" className="link" onClick={closeCompare} data-testid="compare-close" aria-label="Close the comparison">
          ×
        </button>
      </h2>
      <div className="compare-heads">
        <RunHead side="A" run={a} />
        <RunHead side="B" run={b} />
      </div>
      <FinalCells a={a} b={b} />
      <CompareCharts data={joint} />
      <div className="compare-parts" data-testid="compare-parts">
        <h3>Where they part</h3>
        {parts.length === 0 ? (
          <p className="hint">Every round pruned the same ops.</p>
        ) : (
          <ul>
            {parts.map((p) => (
              <li key={p.round} data-testid="compare-parting" data-round={p.round + 1}>
                Round {p.round + 1}: A pruned {prunedText(space, p.onlyA)}; B pruned {prunedText(space, p.onlyB)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
