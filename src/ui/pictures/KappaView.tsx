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
  // The eigenvalues the run recorded; for a run file without them, those of NTKs recomputed on request.
  const recorded = event?.spectra;
  const recomputed = recorded ? undefined : (ntk.data?.eigenvalues ?? undefined);
  const spectra = recorded ?? recomputed;
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
      {event && !recorded && (
        <p className="picture-missing" data-testid="spectra-missing" data-recomputed={recomputed ? 1 : 0}>
          This run carries no NTK eigenvalues (a version-1 run file, or a κ_N that is not finite): the eigenvalue picture is missing
          {recomputed
            ? '. These are of the NTKs recomputed from its seed and settings: λmax/λmin may differ from the κ_N it recorded in the last digits.'
            : ' — computing the two NTKs below draws it too. A search run now records them.'}
        </p>
      )}
      {/* Always laid out (dashes until there are numbers), so that the page does not move when they come. */}
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
          {[0, 1].map((i) => {
            const r = g?.rows[i];
            const shown = i === 0 ? spectra?.original : spectra?.pruned;
            return (
              <tr
                key={i}
                data-testid={`kappa-row-${i}`}
                data-eigenvalues={shown ? JSON.stringify(shown) : undefined}
                data-kappa={kappa?.[i]}
              >
                <th>{names[i]}</th>
                <td>{r ? fmt(r.min) : '—'}</td>
                <td>{r ? fmt(r.max) : '—'}</td>
                <td>{r ? fmt(r.kappa) : '—'}</td>
                <td>{kappa ? fmt(kappa[i]) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="picture-note">
        Each tick is one of the NTK's {spectra ? spectra.original.length : ''} eigenvalues (repeat {last + 1}); the bracket spans λmin to
        λmax, so its length is log κ_N: a shorter bracket is a better-conditioned, more trainable network.
        {g?.rows.some((r) => r.nonPositive > 0) && ' Eigenvalues ≤ 0 cannot be drawn on a log axis and are left out.'}{' '}
        {g && (
          <button
            type="button"
            className="link"
            onClick={() => void exportChartPng(chart.current, 'te-nas-ntk-eigenvalues.png', 'NTK eigenvalues')}
          >
            PNG
          </button>
        )}
      </p>
      <NtkHeatmaps data={ntk.data} status={ntk.status} message={ntk.message} onCompute={onCompute} names={names} />
    </div>
  );
}
