import { spread } from '../../engine/measures/spread';
import { PRESET_LABELS, presetOf } from '../../engine/model/settings';
import { settingsOf } from '../../store/params/params';
import { useStore } from '../../store/store';
import { cancelScore, scoreNow, setArchText, setScoreOps } from '../../store/study/score';
import type { DatasetSummary } from '../../worker/protocol';
import { fmt } from '../format';
import { CellPicker } from './CellPicker';

const NAMES: Record<DatasetSummary['dataset'], string> = { cifar10: 'CIFAR-10', cifar100: 'CIFAR-100', imagenet16: 'ImageNet16-120' };

function Measure({ name, values, testId, hint }: { name: string; values: number[]; testId: string; hint: string }) {
  if (values.length === 0) return null;
  const s = spread(values);
  return (
    <tr data-testid={testId} data-value={s.mean}>
      <th scope="row" title={hint}>
        {name}
      </th>
      <td className="big">{fmt(s.mean, 3)}</td>
      <td>{values.length > 1 ? `± ${fmt(s.std, 3)}` : '—'}</td>
      <td>{values.length > 1 ? `${fmt(s.min, 3)} … ${fmt(s.max, 3)}` : '—'}</td>
      <td className="repeats">{values.map((v) => fmt(v, 3)).join(', ')}</td>
    </tr>
  );
}

/** Pick any cell (graph or arch string), see its NAS-Bench-201 accuracies, compute κ_N and R_N. */
export function ScorePanel() {
  const score = useStore((s) => s.explore.score);
  const params = useStore((s) => s.params);
  const engine = useStore((s) => s.engine.status);
  const images = useStore((s) => s.explore.images.info);
  const running = score.status === 'running';
  const settings = settingsOf(params);
  const preset = presetOf(settings);
  const summary = score.summary;
  const result = score.result;
  const stale =
    score.measured !== null &&
    (score.measured.arch !== score.archText.trim() ||
      JSON.stringify(score.measured.settings) !== JSON.stringify(settings) ||
      score.measured.seed !== params.seed);
  return (
    <section className="panel score-panel" aria-label="Score a cell" data-testid="score-panel">
      <h2>Score any cell</h2>
      <p className="hint">
        Click an op on each edge, or paste an arch string. κ_N is measured on the cell's own network (C = 3, as in the search), R_N on its
        thin network (C = 1), with the settings on the left ({preset ? PRESET_LABELS[preset] : 'custom'}; {settings.repeats} repeat
        {settings.repeats === 1 ? '' : 's'}, seed {params.seed}) on {images.label}.
      </p>
      <CellPicker ops={score.ops} onChange={setScoreOps} disabled={running} />
      <label className="arch-field">
        <span>Arch string</span>
        <input
          type="text"
          value={score.archText}
          spellCheck={false}
          disabled={running}
          aria-invalid={score.archError !== null}
          data-testid="score-arch"
          onChange={(e) => setArchText(e.target.value)}
        />
      </label>
      {score.archError && (
        <p className="field-error" role="alert" data-testid="score-arch-error">
          Not a valid arch string: {score.archError}
        </p>
      )}
      {summary && (
        <table className="score-acc" data-testid="score-accuracies" data-arch={summary.arch}>
          <caption>
            NAS-Bench-201 index {summary.index} — accuracies after 200 epochs; rank among {summary.cells.toLocaleString('en')} cells by test
            accuracy
          </caption>
          <thead>
            <tr>
              <th>dataset</th>
              <th>test %</th>
              <th>valid %</th>
              <th>rank</th>
              <th>best test %</th>
            </tr>
          </thead>
          <tbody>
            {summary.datasets.map((d) => (
              <tr key={d.dataset} className={d.dataset === summary.headDataset ? 'head' : ''}>
                <td>{NAMES[d.dataset]}</td>
                <td data-testid={`score-${d.dataset}-test`} data-value={d.accuracy.test}>
                  {d.accuracy.test.toFixed(3)}
                </td>
                <td data-testid={`score-${d.dataset}-val`} data-value={d.accuracy.val}>
                  {d.accuracy.val.toFixed(3)}
                </td>
                <td data-testid={`score-${d.dataset}-rank`} data-value={d.rank}>
                  {d.rank.toLocaleString('en')}
                </td>
                <td title={d.bestArch}>{d.best.test.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="buttons">
        <button
          type="button"
          className="primary"
          disabled={engine !== 'ready' || running || score.archError !== null}
          onClick={() => void scoreNow()}
          data-testid="score-run"
        >
          {running ? 'Scoring…' : 'Compute κ_N and R_N'}
        </button>
        {running && (
          <button type="button" onClick={cancelScore} data-testid="score-cancel">
            Cancel
          </button>
        )}
      </div>
      {score.status === 'error' && (
        <p className="field-error" role="alert" data-testid="score-error">
          {score.error}
        </p>
      )}
      {score.status === 'cancelled' && <p className="hint">Cancelled.</p>}
      {result && score.measured && (
        <div className={`score-result${stale ? ' stale' : ''}`} data-testid="score-result" data-arch={score.measured.arch}>
          {result.score.degenerate ? (
            <p data-testid="score-degenerate">
              This cell is degenerate: no path from the input to the output avoids a <code>none</code> edge, so its output does not depend
              on its input and κ_N and R_N are undefined (TE-NAS never selects it).
            </p>
          ) : (
            <table>
              <caption>
                <code>{score.measured.arch}</code> — {result.images.label}, {(result.ms / 1000).toFixed(1)} s
                {stale ? ' (settings or cell changed since: compute again)' : ''}
              </caption>
              <thead>
                <tr>
                  <th />
                  <th>mean</th>
                  <th>spread (std)</th>
                  <th>min … max</th>
                  <th>repeats</th>
                </tr>
              </thead>
              <tbody>
                <Measure name="κ_N" values={result.score.kappa} testId="score-kappa" hint="condition number of the NTK (lower is better)" />
                <Measure
                  name="R_N"
                  values={result.score.regions}
                  testId="score-regions"
                  hint="linear regions of the thin network (higher is better)"
                />
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
