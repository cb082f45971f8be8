import type { SpaceName } from '../../engine/model/settings-table';
import { setParams } from '../../store/run/controller';
import { withPreset } from '../../store/params/params';
import { getState, useStore } from '../../store/store';
import { type SelectOption, SelectField } from './SelectField';

const SPACE_OPTIONS: SelectOption<SpaceName>[] = [
  { value: 'nb201', label: 'NAS-Bench-201' },
  { value: 'darts', label: 'DARTS' },
];

/** The search space (URL `space=`): choosing one takes its quick preset (the class head and seed stay). */
export function SpaceSelect({ disabled }: { disabled: boolean }) {
  const space = useStore((s) => s.params.space);
  return (
    <>
      <SelectField
        label="Search space"
        value={space}
        options={SPACE_OPTIONS}
        disabled={disabled}
        testId="space"
        onChange={(next) => setParams(withPreset(getState().params, next === 'darts' ? 'darts-quick' : 'quick'))}
      />
      {space === 'nb201' && <p className="hint">One cell: 6 edges × 5 ops.</p>}
      {space === 'darts' && (
        <p className="hint" data-testid="darts-space-note">
          Normal and reduction cell, 14 edges × 7 ops each. DARTS space with TE-NAS's CIFAR-10 settings (preset “DARTS official”: batch 14,
          3 repeats, prune number 3, then 2 edges per node). The ImageNet settings (batch 24, prune number 2) are not offered.
        </p>
      )}
    </>
  );
}
