import type { RoundView } from '../../store/run/rounds';
import { opKey } from '../../store/steer/steer-space';
import { candidateLabel, fmt, rankFrom1, rankSumFrom1 } from '../format';
import { openExplainCard } from '../pictures/open-explain';
import { useSteerMarks } from '../steer/marks';
import { SteerButtons } from '../steer/SteerButtons';

/** The round's candidates; once ranked, in the rank-sum order that decides the pruning (ranks counted from 1, as in the paper). */
export function RankTable({ round }: { round: RoundView }) {
  const ranked = round.end?.ranked ?? null;
  const marks = useSteerMarks(round.round);
  const rows = ranked
    ? ranked.map((k) => ({
        key: `${k.cell ?? ''}-${k.edge}-${k.op}`,
        cell: k.cell,
        edge: k.edge,
        op: k.op,
        label: candidateLabel(k.edge, k.op, k.cell),
        dk: k.deltaKappa,
        dr: k.deltaRegions,
        kr: rankFrom1(k.kappaRank),
        rr: rankFrom1(k.regionsRank),
        sum: rankSumFrom1(k.rankSum),
        pruned: k.pruned,
        measured: true,
      }))
    : round.candidates.map((c) => {
        const m = round.measured.find((e) => e.edge === c.edge && e.op === c.op && e.cell === c.cell);
        return {
          key: `${c.cell ?? ''}-${c.edge}-${c.op}`,
          cell: c.cell,
          edge: c.edge,
          op: c.op,
          label: candidateLabel(c.edge, c.op, c.cell),
          dk: m?.deltaKappa.mean ?? NaN,
          dr: m?.deltaRegions.mean ?? NaN,
          kr: null,
          rr: null,
          sum: null,
          pruned: false,
          measured: !!m,
        };
      });
  return (
    <div className="rank-table-wrap">
      <table className="rank-table" data-testid="rank-table">
        <caption>
          {ranked ? 'Ranked: lowest rank sum first; the first on each edge is pruned' : 'Measuring… (ranked when the round ends)'}
        </caption>
        <thead>
          <tr>
            <th>remove</th>
            <th>Δκ_N</th>
            <th>ΔR_N</th>
            <th title="rank of Δκ_N, 1 = largest">κ rank</th>
            <th title="rank of ΔR_N, 1 = smallest">R rank</th>
            <th>sum</th>
            <th title="pruned this round">✂</th>
            <th title="pin (keep) or prune this op by hand: the search branches here">steer</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.key}
              className={`${r.pruned ? 'pruned' : r.measured ? '' : 'pending'} ${{ pin: 'pinned', prune: 'by-hand', none: '' }[marks.get(opKey(r)) ?? 'none']}`}
              onClick={() => openExplainCard(round, r.edge, r.op, r.cell)}
              title={r.measured ? 'Click: explain this decision' : undefined}
              data-key={r.key}
            >
              <td>{r.label}</td>
              <td>{r.measured ? fmt(r.dk) : '…'}</td>
              <td>{r.measured ? fmt(r.dr) : '…'}</td>
              <td>{r.kr ?? '—'}</td>
              <td>{r.rr ?? '—'}</td>
              <td>{r.sum ?? '—'}</td>
              <td>{r.pruned ? '✂' : ''}</td>
              <td>
                <SteerButtons edge={r.edge} op={r.op} cell={r.cell} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
