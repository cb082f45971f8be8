/**
 * Why an op was (or was not) pruned, on one card: the sentence the numbers
 * make, Δκ_N and ΔR_N with their ranks, and both pictures before (the
 * supernet) and after (the op removed). Opened by a click on a pruned op in
 * the cell, a point of the trade-off chart or a row of the rank table.
 */
import { useEffect } from 'react';
import { isCandidate } from '../../store/pictures/picture-place';
import { closeExplain } from '../../store/pictures/pictures';
import { useStore } from '../../store/store';
import { candidateLabel, fmt, rankFrom1, rankSumFrom1 } from '../format';
import { explainSentence, roundName } from './explain-sentence';
import { KappaView } from './KappaView';
import { RegionsView } from './RegionsView';
import { SteerButtons } from '../steer/SteerButtons';
import { usePictures } from './use-pictures';

export function ExplainCard() {
  const key = useStore((s) => s.pictures.explain);
  const p = usePictures(key, { stale: false });
  useEffect(() => {
    if (!key) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && closeExplain();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key]);
  if (!key || !p.round) return null;
  const ranked = p.round.end?.ranked.find((k) => isCandidate(k, key));
  // The edge-group step ranks each node's candidates on their own.
  const group = ranked?.group;
  const rankedWith = p.round.end?.ranked.filter((k) => group === undefined || (k.group === group && k.cell === ranked?.cell));
  const n = rankedWith?.length ?? p.round.candidates.length;
  return (
    <div className="explain-backdrop">
      <section className="panel explain-card" role="dialog" aria-modal="true" aria-label="Explain a decision" data-testid="explain-card">
        <button type="button" className="link close" onClick={closeExplain} aria-label="Close">
          ×
        </button>
        <h2>
          {candidateLabel(key.edge, key.op, key.cell)} in {roundName(p.round, key.round)}
        </h2>
        <p className="explain-sentence" data-testid="explain-sentence">
          {explainSentence(p.round, key.edge, key.op, key.cell)}
        </p>
        <p className="explain-steer">
          What if? <SteerButtons edge={key.edge} op={key.op} cell={key.cell} round={key.round} onDone={closeExplain} /> (a branch of the
          search, before {p.round.phase === 'group' ? 'the edge-group step starts' : "this round's pruning"})
        </p>
        {p.event && (
          <table className="explain-numbers">
            <thead>
              <tr>
                <th />
                <th>change</th>
                <th title="0 = best; equal values share a rank">
                  rank ({n} candidates{group === undefined ? '' : ` into node ${group + 2}`})
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th title="(κ_supernet − κ_without)/κ_supernet, mean over repeats">Δκ_N</th>
                <td>{fmt(p.event.deltaKappa.mean)}</td>
                <td>{ranked ? rankFrom1(ranked.kappaRank) : '—'}</td>
              </tr>
              <tr>
                <th title="(R_supernet − R_without)/R_supernet, mean over repeats">ΔR_N</th>
                <td>{fmt(p.event.deltaRegions.mean)}</td>
                <td>{ranked ? rankFrom1(ranked.regionsRank) : '—'}</td>
              </tr>
              <tr>
                <th>rank sum</th>
                <td />
                <td>{ranked ? rankSumFrom1(ranked.rankSum) : 'when the round is ranked'}</td>
              </tr>
            </tbody>
          </table>
        )}
        <div className="pictures">
          <div className="picture-column">
            <h3>Before and after: the NTK (κ_N)</h3>
            <KappaView event={p.event} ntk={p.ntk} onCompute={p.onCompute} names={p.names} />
          </div>
          <div className="picture-column">
            <h3>Before and after: the linear regions (R_N)</h3>
            <RegionsView
              data={p.regions.data}
              status={p.regions.status}
              message={p.regions.message}
              searchRegions={p.searchRegions}
              names={p.names}
            />
          </div>
        </div>
      </section>
    </div>
  );
}
