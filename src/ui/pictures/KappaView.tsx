/**
 * The trainability picture of the supernet and of the candidate: the NTK's
 * eigenvalues on a log axis (from the search event: no computing) with κ_N
 * as the distance between λmin and λmax, and the two NTKs as heatmaps.
 */
import { useMemo, useRef } from 'react';
import type { CandidateEvent } from '../../engine/search/events';
import type { NtkPictures } from '../../worker/pictures-protocol';
import { exportChartPng } from '../study/png';
import { fmt } from '../format';
import { NtkHeatmaps } from './NtkHeatmaps';
import { SpectrumChart } from './SpectrumChart';
import { spectrumGeometry } from './spectrum-axis';

interface Props {
  event: CandidateEvent | null;
  ntk: { data: NtkPictures | null; status: string; message: string | null };
  onCompute: (() => void) | null;
  names: [string, string];
}

export function KappaView({ event, ntk, onCompute, names }: Props) {
  const chart = useRef<HTMLDivElement>(null);
  const spectra = event?.spectra;
  const g = useMemo(
    () =>
      spectra
        ? spectrumGeometry([
            { name: 'supernet', eigenvalues: spectra.original },
            { name: 'op removed', eigenvalues: spectra.pruned },
          ])
        : null,
    [spectra],
  );
  const last = event ? event.kappa.original.length - 1 : 0;
  const kappa = event ? [event.kappa.original[last], event.kappa.pruned[last]] : null;
  return (
    <div className="kappa-view" data-testid="kappa-view" data-has-spectra={spectra ? 1 : 0}>
      <div ref={chart}>
        <SpectrumChart g={g} />
      </div>
      {event && !spectra && (
        <p className="picture-missing" data-testid="spectra-missing">
          This run carries no NTK eigenvalues (a version-1 run file, or a κ_N that is not finite): the eigenvalue picture is missing. A
          search run now records them.
        </p>
      )}
      {g && kappa && (
        <table className="kappa-numbers" data-testid="kappa-numbers">
          <thead>
            <tr>
              <th />
              <th>λmin</th>
              <th>λmax</th>
              <th>λmax/λmin</th>
              <th title="as the search measured it, last repeat">κ_N (search)</th>
            </tr>
          </thead>
          <tbody>
            {g.rows.map((r, i) => (
              <tr
                key={r.name}
                data-testid={`kappa-row-${i}`}
                data-eigenvalues={JSON.stringify(i === 0 ? spectra?.original : spectra?.pruned)}
                data-kappa={kappa[i]}
              >
                <th>{names[i]}</th>
                <td>{fmt(r.min)}</td>
                <td>{fmt(r.max)}</td>
                <td>{fmt(r.kappa)}</td>
                <td>{fmt(kappa[i])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {g && (
        <p className="picture-note">
          Each tick is one of the NTK's {spectra?.original.length} eigenvalues (repeat {last + 1}); the bracket spans λmin to λmax, so its
          length is log κ_N: a shorter bracket is a better-conditioned, more trainable network.
          {g.rows.some((r) => r.nonPositive > 0) && ' Eigenvalues ≤ 0 cannot be drawn on a log axis and are left out.'}{' '}
          <button
            type="button"
            className="link"
            onClick={() => void exportChartPng(chart.current, 'te-nas-ntk-eigenvalues.png', 'NTK eigenvalues')}
          >
            PNG
          </button>
        </p>
      )}
      <NtkHeatmaps data={ntk.data} status={ntk.status} message={ntk.message} onCompute={onCompute} names={names} />
    </div>
  );
}
