import { PRESET_LABELS, PRESET_NAMES, presetOf, type Settings } from '../../engine/model/settings';
import { setParams } from '../../store/run/controller';
import { PROPERTIES, settingsOf, withPreset, type Params } from '../../store/params/params';
import { getState, useStore } from '../../store/store';
import { NumberField } from './NumberField';
import { optionsOf, type SelectOption, SelectField } from './SelectField';
import { SpaceSelect } from './SpaceSelect';

const PRESET_OPTIONS = optionsOf(PRESET_NAMES, PRESET_LABELS);
const INITS: SelectOption<Settings['init']>[] = [
  { value: 'pytorch-default', label: 'PyTorch default' },
  { value: 'kaiming-normal', label: 'Kaiming normal' },
];
const HEADS: SelectOption<Settings['numClasses']>[] = [
  { value: 10, label: '10 classes (CIFAR-10 head)' },
  { value: 100, label: '100 classes (CIFAR-100 head)' },
  { value: 120, label: '120 classes (ImageNet16-120 head)' },
];

function range(key: keyof Params): { min: number; max: number } {
  const p = PROPERTIES.find((x) => x.key === key);
  return { min: p?.min ?? 0, max: p?.max ?? 0 };
}

/** Dataset head, seed, preset and the individual settings. */
export function SettingsPanel() {
  const params = useStore((s) => s.params);
  const status = useStore((s) => s.run.status);
  const locked = status === 'running' || status === 'paused';
  const replay = useStore((s) => s.run.replay !== null);
  const current = presetOf(settingsOf(params));
  const int = (key: 'seed' | 'batchSize' | 'repeats' | 'regionBatches' | 'regionBatchSize', label: string, testId: string) => (
    <NumberField
      label={label}
      value={params[key]}
      {...range(key)}
      disabled={locked}
      testId={testId}
      onChange={(v) => setParams({ [key]: v })}
    />
  );
  return (
    <section className="panel settings" aria-label="Settings">
      <h2>{replay ? 'Settings for a new search' : 'Settings'}</h2>
      {replay && (
        <p className="hint" data-testid="settings-replay-note">
          The recording on screen was made with its own settings: see “The recording”.
        </p>
      )}
      <SelectField
        label="Class head"
        value={params.numClasses}
        options={HEADS}
        disabled={locked}
        testId="classes"
        onChange={(numClasses) => setParams({ numClasses })}
      />
      <p className="hint">
        The images are always CIFAR-10's; the class count only sets the classifier's width and which NAS-Bench-201 accuracy is highlighted.
      </p>
      {int('seed', 'Seed', 'seed')}
      <SpaceSelect disabled={locked} />
      <SelectField
        label="Preset"
        value={params.preset}
        options={PRESET_OPTIONS}
        disabled={locked}
        testId="preset"
        onChange={(preset) => setParams(withPreset(getState().params, preset))}
      />
      {current !== params.preset && (
        <p className="hint" data-testid="custom-settings">
          {current
            ? `Settings equal the "${PRESET_LABELS[current]}" preset.`
            : `Custom settings (based on "${PRESET_LABELS[params.preset]}").`}
        </p>
      )}
      {int('batchSize', 'NTK batch', 'batch')}
      {int('repeats', 'Repeats', 'repeats')}
      {int('regionBatches', 'Region batches', 'region-batches')}
      {int('regionBatchSize', 'Crops per region batch', 'region-batch-size')}
      <SelectField
        label="Initialisation"
        value={params.init}
        options={INITS}
        disabled={locked}
        testId="init"
        onChange={(init) => setParams({ init })}
      />
      <label className="toggle">
        <input
          type="checkbox"
          checked={params.reinitEachRepeat}
          disabled={locked}
          data-testid="reinit"
          onChange={(e) => setParams({ reinitEachRepeat: e.target.checked })}
        />
        Re-initialise each repeat
      </label>
      <label className="toggle">
        <input
          type="checkbox"
          checked={params.augment}
          disabled={locked}
          data-testid="augment"
          onChange={(e) => setParams({ augment: e.target.checked })}
        />
        Augment the NTK batch (flip + crop)
      </label>
      <label className="toggle">
        <input
          type="checkbox"
          checked={params.sharedBatch}
          disabled={locked}
          data-testid="shared-batch"
          onChange={(e) => setParams({ sharedBatch: e.target.checked })}
        />
        Share each repeat's batch across a round's candidates
      </label>
      <p className="hint">
        Not the official behaviour: ~2× faster, because the unpruned supernet is measured once per repeat per round instead of once per
        candidate; all candidates are then compared on the same images, weights and crops.
      </p>
    </section>
  );
}
