/**
 * What κ_N and R_N see, for the current supernet and one candidate (op
 * removed): the chosen candidate (a click on an op, a chart point or a table
 * row), else the last one measured in the round shown — live during a search
 * and for a replayed run. Both pictures come from the worker.
 */
import { keyText, latestKey } from '../../store/pictures/picture-place';
import { explainCandidate, selectCandidate } from '../../store/pictures/pictures';
import { useStore } from '../../store/store';
import { candidateLabel } from '../format';
import { useShownRound } from '../hooks';
import { roundName } from './explain-sentence';
import { KappaView } from './KappaView';
import { RegionsView } from './RegionsView';
import { usePictures } from './use-pictures';

export function PicturesPanel() {
  const shown = useShownRound();
  const selected = useStore((s) => s.pictures.selected);
  const ownImages = useStore((s) => s.run.ownImages);
  const asked = selected ?? latestKey(shown);
  const p = usePictures(asked, { stale: true });
  const key = p.key;
  return (
    <section
      className="panel pictures-panel"
      aria-label="What κ_N and R_N see"
      data-testid="pictures-panel"
      data-key={key ? keyText(key) : ''}
      data-updating={p.updating ? 1 : 0}
    >
      <div className="panel-head">
        <h2>
          {key
            ? `What κ_N and R_N see: the supernet and the supernet without ${candidateLabel(key.edge, key.op, key.cell)} (${roundName(p.round, key.round)})`
            : 'What κ_N and R_N see'}
        </h2>
        <div className="picture-actions">
          {selected && (
            <button type="button" className="link" onClick={() => selectCandidate(null)} data-testid="pictures-follow">
              follow the search
            </button>
          )}
          {key && p.event && (
            <button type="button" onClick={() => explainCandidate(key)} data-testid="pictures-explain">
              Explain this decision
            </button>
          )}
        </div>
      </div>
      {ownImages && (
        <p className="picture-note" data-testid="run-own-images">
          This run was measured on {ownImages.count} of your own images (SHA-256 {ownImages.hash.slice(0, 12)}…); its pictures need the same
          images loaded.
        </p>
      )}
      <p className="picture-note">
        {key ? '' : 'The pictures appear with the first candidate measured. '}Click an op in the cell, a point of the trade-off chart or a
        row of the rank table to see that candidate and why it was, or was not, pruned.
      </p>
      <div className="pictures">
        <div className="picture-column">
          <h3>Trainability: the NTK (κ_N)</h3>
          <KappaView event={p.event} ntk={p.ntk} onCompute={p.onCompute} names={p.names} />
        </div>
        <div className="picture-column">
          <h3>Expressivity: the linear regions (R_N)</h3>
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
  );
}
