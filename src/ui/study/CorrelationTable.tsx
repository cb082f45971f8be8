import { useState } from 'react';
import { DATASETS, type Nb201Dataset } from '../../engine/data/nb201';
import { PAPER_TAU, PEER_TAU_AZNAS } from '../../engine/study/reference';
import { type CorrStat, enoughCells, MIN_TAU_CELLS, type MeasureSummary, type StudySummary } from '../../engine/study/summary';
import { optionsOf, SelectField } from '../controls/SelectField';
import { DATASET_NAMES } from './StudyCharts';

const f = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '—');
/** The interval, or why there is none (no bootstrap while the study runs; none with under 2 cells). */
const ci = (c: [number, number] | null, n: number) =>
  c ? `[${f(c[0], 2)}, ${f(c[1], 2)}]` : n < 2 ? 'no interval' : 'interval at the end';

/** τ or ρ with its interval and n; "too few cells" instead of the value below MIN_TAU_CELLS (the value stays in data-value). */
function Stat({ s, which, testId }: { s: CorrStat; which: 'tau' | 'rho'; testId?: string }) {
  const v = which === 'tau' ? s.tau : s.rho;
  const c = which === 'tau' ? s.tauCI : s.rhoCI;
  const enough = enoughCells(s);
  return (
    <td
      data-testid={testId}
      data-value={Number.isFinite(v) ? v : ''}
      data-too-few={enough ? undefined : '1'}
      title={`${which === 'tau' ? 'Kendall τ-b' : 'Spearman ρ'} over ${s.n} cells${c ? ', bootstrap 95 % interval' : ''}${enough ? '' : ` — not shown below ${MIN_TAU_CELLS} cells`}`}
    >
      {enough ? f(v) : <span className="too-few">too few cells</span>}{' '}
      <span className="ci">
        {ci(c, s.n)} n = {s.n}
      </span>
    </td>
  );
}

const DATASET_OPTIONS = optionsOf(DATASETS, DATASET_NAMES);

const PAPER: Record<string, number> = { kappa: PAPER_TAU.kappa, regions: PAPER_TAU.regions, rankSum: PAPER_TAU.rankSum };

/** τ and ρ of κ_N, R_N and the rank sum with each dataset's test accuracy, beside the paper's and published values. */
export function CorrelationTable({ summary, kind }: { summary: StudySummary; kind: string }) {
  const own = (d: Nb201Dataset) => summary.datasets[d].filter((m) => m.group === 'te-nas');
  const rankSumTau = summary.datasets.cifar10.find((m) => m.measure === 'rankSum')?.stat;
  return (
    <div className="corr" data-testid="study-correlations" data-kind={kind}>
      <table>
        <caption>
          Correlation with NAS-Bench-201 test accuracy over {summary.scored.toLocaleString('en')} scored cells
          {summary.degenerate > 0 ? ` (${summary.degenerate} degenerate left out)` : ''} —{' '}
          {summary.bootstrap
            ? `95 % bootstrap intervals from ${summary.bootstrap.resamples} resamples`
            : kind === 'computing'
              ? 'computing intervals…'
              : 'intervals when the study stops'}
          . Good proxies: κ_N and rank sum negative, R_N positive.
        </caption>
        <thead>
          <tr>
            <th rowSpan={2}>measure</th>
            {DATASETS.map((d) => (
              <th key={d} colSpan={2}>
                {DATASET_NAMES[d]}
              </th>
            ))}
            <th rowSpan={2} title={PAPER_TAU.source}>
              paper τ
              <br />
              (CIFAR-100)
            </th>
          </tr>
          <tr>{DATASETS.map((d) => [<th key={`${d}t`}>Kendall τ</th>, <th key={`${d}r`}>Spearman ρ</th>])}</tr>
        </thead>
        <tbody>
          {own('cifar10').map((m, i) => (
            <tr key={m.measure}>
              <th scope="row">{m.label}</th>
              {DATASETS.map((d) => {
                const s = own(d)[i].stat;
                return [
                  <Stat key={`${d}t`} s={s} which="tau" testId={`tau-${m.measure}-${d}`} />,
                  <Stat key={`${d}r`} s={s} which="rho" testId={`rho-${m.measure}-${d}`} />,
                ];
              })}
              <td>{f(PAPER[m.measure], 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint" data-testid="published-peers">
        Published, {DATASET_NAMES[PEER_TAU_AZNAS.dataset]} (AZ-NAS re-run, scores oriented higher-is-better): TE-NAS{' '}
        {PEER_TAU_AZNAS.values['TE-NAS']} (compare −τ(rank sum) ={' '}
        <strong>{rankSumTau ? (enoughCells(rankSumTau) ? f(-rankSumTau.tau) : 'too few cells') : '—'}</strong> here), NASWOT{' '}
        {PEER_TAU_AZNAS.values.NASWOT}, ZiCo {PEER_TAU_AZNAS.values.ZiCo}, AZ-NAS {PEER_TAU_AZNAS.values['AZ-NAS']}.
      </p>
      <PeerTable summary={summary} />
    </div>
  );
}

/** NASWOT and the NASLib zero-cost suite on the cells they share with the study, beside κ_N, R_N and the rank sum on exactly those cells. */
function PeerTable({ summary }: { summary: StudySummary }) {
  const [dataset, setDataset] = useState<Nb201Dataset>('cifar10');
  const peers = summary.datasets[dataset].filter(
    (m): m is MeasureSummary & { sameCells: NonNullable<MeasureSummary['sameCells']> } => m.group !== 'te-nas' && m.sameCells !== undefined,
  );
  if (peers.length === 0) return <p className="hint">Other proxies: peers.json could not be read, so no comparison.</p>;
  return (
    <div className="peer-table">
      <div className="panel-head">
        <h3>Other training-free proxies, on the same cells (Kendall τ)</h3>
        <SelectField inline label="dataset" value={dataset} options={DATASET_OPTIONS} testId="peer-dataset" onChange={setDataset} />
      </div>
      <table data-testid="peer-table">
        <thead>
          <tr>
            <th>proxy</th>
            <th title="cells of the study the proxy has a score for">cells</th>
            <th>proxy τ</th>
            <th>κ_N τ</th>
            <th>R_N τ</th>
            <th>rank sum τ</th>
          </tr>
        </thead>
        <tbody>
          {peers.map((m) => (
            <tr key={m.measure} data-testid={`peer-${m.measure}`}>
              <th scope="row">
                {m.label}
                {m.group === 'naslib' ? <span className="hint"> (NASLib)</span> : ''}
              </th>
              <td>{m.stat.n}</td>
              {m.stat.n < 2 ? (
                <td colSpan={4} className="hint">
                  too few shared cells (n = {m.stat.n})
                </td>
              ) : (
                <>
                  <Stat s={m.stat} which="tau" />
                  <Stat s={m.sameCells.kappa} which="tau" />
                  <Stat s={m.sameCells.regions} which="tau" />
                  <Stat s={m.sameCells.rankSum} which="tau" />
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        NASWOT's score (CIFAR-10 images) exists for every cell; NASLib's suite covers about 725 cells per dataset, so a uniform sample
        shares few cells with it — choose the pool “NASLib cells” for a like-for-like comparison. Peer scores are oriented higher-is-better.
      </p>
    </div>
  );
}
