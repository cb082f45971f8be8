import { useDeferredValue } from 'react';
import { datasetForClasses } from '../../engine/data/nb201';
import { PRESET_LABELS, presetOf } from '../../engine/model/settings';
import { NUM_CELLS } from '../../engine/model/nb201/space';
import { SEED } from '../../engine/model/settings-table';
import { settingsOf } from '../../store/params/params';
import { useStore } from '../../store/store';
import {
  cancelStudy,
  continueStudy,
  discardStudy,
  exportStudyCsv,
  exportStudyJson,
  pauseStudy,
  resumeStudy,
  setStudyForm,
  startStudy,
} from '../../store/study/study';
import type { StudyMeta } from '../../store/study/explore-state';
import type { StudyPool } from '../../worker/explore-protocol';
import { type SelectOption, SelectField } from '../controls/SelectField';
import { fmtDuration } from '../format';
import { CorrelationTable } from './CorrelationTable';
import { StudyCharts } from './StudyCharts';

const POOLS: SelectOption<StudyPool>[] = [
  { value: 'all', label: 'all cells' },
  { value: 'naslib', label: 'NASLib cells (~725)' },
];

function describe(meta: StudyMeta): string {
  const p = presetOf(meta.settings);
  const s = meta.settings;
  return `${meta.codes.length.toLocaleString('en')} cells (${meta.sample.stratified ? 'stratified by CIFAR-10 accuracy' : 'uniform'}, ${meta.sample.pool === 'naslib' ? 'NASLib cells' : 'all cells'}), seed ${meta.seed}; ${p ? PRESET_LABELS[p] : 'custom'}: batch ${s.batchSize}, ${s.repeats} repeat${s.repeats === 1 ? '' : 's'}, ${s.regionBatches * s.regionBatchSize} crops; ${meta.backend}; ${meta.images}`;
}

/** Reproduce the paper's correlation study on a seeded sample of cells. */
export function StudyPanel() {
  const st = useStore((s) => s.explore.study);
  const params = useStore((s) => s.params);
  const engine = useStore((s) => s.engine.status);
  const searchBusy = useStore((s) => s.run.status === 'running' || s.run.status === 'paused');
  const rows = useDeferredValue(st.rows);
  const active = st.status === 'running' || st.status === 'paused' || st.status === 'planning';
  const form = st.form;
  const p = st.progress;
  const settings = settingsOf(params);
  const preset = presetOf(settings);
  const head = datasetForClasses(params.numClasses);
  const canContinue = st.meta !== null && !active && st.rows.length < st.meta.codes.length;
  return (
    <section className="panel study-panel" aria-label="Correlation study" data-testid="study-panel" data-status={st.status}>
      <h2>Correlation study</h2>
      <p className="hint">
        Do κ_N, R_N and their rank sum predict trained accuracy? Score a seeded sample of NAS-Bench-201 cells with the settings on the left
        ({preset ? PRESET_LABELS[preset] : 'custom'}: batch {settings.batchSize}, {settings.repeats} repeat
        {settings.repeats === 1 ? '' : 's'}, {settings.regionBatches * settings.regionBatchSize} crops) and correlate them with the
        benchmark's test accuracies. Every cell uses the same seed, so a cell's scores do not depend on the sample. Rows are kept in this
        browser as they finish: reload and continue.
      </p>
      <div className="study-form">
        <label>
          Cells{' '}
          <input
            type="number"
            min={1}
            max={NUM_CELLS}
            value={form.n}
            disabled={active}
            data-testid="study-n"
            onChange={(e) => {
              const n = Math.round(Number(e.target.value));
              if (Number.isFinite(n)) setStudyForm({ n: Math.min(NUM_CELLS, Math.max(1, n)) });
            }}
          />
        </label>
        <button type="button" disabled={active} onClick={() => setStudyForm({ n: NUM_CELLS })} title="every non-degenerate cell">
          all
        </button>
        <label>
          Sample seed{' '}
          <input
            type="number"
            min={0}
            value={form.seed}
            disabled={active}
            data-testid="study-seed"
            onChange={(e) => {
              const v = Math.round(Number(e.target.value));
              if (Number.isFinite(v) && v >= SEED.min && v <= SEED.max) setStudyForm({ seed: v });
            }}
          />
        </label>
        <label className="toggle">
          <input
            type="checkbox"
            checked={form.stratified}
            disabled={active}
            data-testid="study-stratified"
            onChange={(e) => setStudyForm({ stratified: e.target.checked })}
          />
          stratified by accuracy
        </label>
        <SelectField
          inline
          label="Pool"
          value={form.pool}
          options={POOLS}
          disabled={active}
          testId="study-pool"
          onChange={(pool) => setStudyForm({ pool })}
        />
      </div>
      <div className="buttons">
        <button
          type="button"
          className="primary"
          disabled={engine !== 'ready' || active || searchBusy}
          onClick={() => void startStudy()}
          data-testid="study-start"
        >
          {st.meta ? 'New study' : 'Start study'}
        </button>
        {st.status === 'running' && (
          <button type="button" onClick={pauseStudy} data-testid="study-pause">
            Pause
          </button>
        )}
        {st.status === 'paused' && (
          <button type="button" onClick={resumeStudy} data-testid="study-resume">
            Resume
          </button>
        )}
        {(st.status === 'running' || st.status === 'paused') && (
          <button type="button" onClick={cancelStudy} data-testid="study-cancel">
            Stop
          </button>
        )}
        {canContinue && (
          <button
            type="button"
            className="primary"
            disabled={engine !== 'ready' || searchBusy}
            onClick={() => void continueStudy()}
            data-testid="study-continue"
          >
            Continue ({st.rows.length} of {st.meta!.codes.length} done)
          </button>
        )}
        {st.meta && !active && (
          <button type="button" onClick={() => void discardStudy()} data-testid="study-discard">
            Discard
          </button>
        )}
        <button type="button" disabled={st.rows.length === 0} onClick={() => void exportStudyCsv()} data-testid="study-csv">
          CSV
        </button>
        <button type="button" disabled={st.rows.length === 0} onClick={() => void exportStudyJson()} data-testid="study-json">
          JSON
        </button>
      </div>
      {searchBusy && <p className="hint">A search is running on the Search tab: start the study when it has finished.</p>}
      {st.status === 'interrupted' && (
        <p className="notice" data-testid="study-interrupted">
          An unfinished study was restored: {st.rows.length} of {st.meta?.codes.length} cells scored. Continue it (same cells, seed and
          settings) or discard it.
        </p>
      )}
      {st.error && (
        <p className="field-error" role="alert" data-testid="study-error">
          {st.error}
        </p>
      )}
      {st.meta && (
        <p className="hint" data-testid="study-meta">
          {describe(st.meta)}
        </p>
      )}
      {p && (
        <div className="study-progress" data-testid="study-progress" data-done={p.done} data-total={p.total}>
          <progress max={p.total} value={p.done} />
          <span>
            {p.done.toLocaleString('en')} / {p.total.toLocaleString('en')} cells
            {st.status === 'running' && Number.isFinite(p.etaMs) ? ` · about ${fmtDuration(p.etaMs)} left` : ''}
            {st.status === 'paused' ? ' · paused' : ''}
            {st.status === 'done' ? ' · done' : ''}
            {st.status === 'cancelled' ? ' · stopped' : ''}
            {st.status === 'planning' ? ' · sampling cells…' : ''}
          </span>
        </div>
      )}
      {rows.length > 0 && <StudyCharts rows={rows} head={head} />}
      {st.summary && <CorrelationTable summary={st.summary} kind={st.summaryKind} />}
      {st.summaryKind === 'computing' && (
        <p className="hint" data-testid="study-summary-computing">
          Computing bootstrap intervals…
        </p>
      )}
    </section>
  );
}
