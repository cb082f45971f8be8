import { Fragment } from 'react';
import { PRESET_LABELS, presetOf, type Settings } from '../../engine/model/settings';
import { SETTING_FIELDS, type SettingKey } from '../../engine/model/settings-table';
import { useStore } from '../../store/store';
import { fmtDuration } from '../format';

const LABELS: Record<SettingKey, string> = {
  numClasses: 'Class head',
  batchSize: 'NTK batch',
  repeats: 'Repeats',
  regionBatches: 'Region batches',
  regionBatchSize: 'Crops per region batch',
  init: 'Initialisation',
  reinitEachRepeat: 'Re-initialise each repeat',
  augment: 'Augment the NTK batch',
  precision: 'Precision',
  sharedBatch: 'Shared batch',
  space: 'Search space',
};

const show = (v: Settings[SettingKey]) => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));

/**
 * While a recorded run is on screen: the settings, seed, backend and duration
 * it was recorded with (the Settings panel keeps the page's own, for the next search).
 */
export function RecordingInfo() {
  const run = useStore((s) => s.run);
  const settings = run.settings;
  if (run.replay === null || !settings) return null;
  const preset = presetOf(settings);
  return (
    <section className="panel recording-info" aria-label="The recording" data-testid="recording-info">
      <h2>The recording</h2>
      <p className="hint">{run.replay}</p>
      <dl className="facts">
        <dt>Preset</dt>
        <dd>{preset ? PRESET_LABELS[preset] : 'custom'}</dd>
        <dt>Seed</dt>
        <dd data-testid="recording-seed">{run.seed}</dd>
        <dt>Backend</dt>
        <dd>{run.backend || '—'}</dd>
        <dt>Recorded in</dt>
        <dd>{run.durationMs === null ? 'not recorded' : fmtDuration(run.durationMs)}</dd>
        {SETTING_FIELDS.map((f) => (
          <Fragment key={f.key}>
            <dt>{LABELS[f.key]}</dt>
            <dd data-testid={`recording-${f.key}`}>{show(settings[f.key])}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
