/**
 * The pieces of the run controls that the page and presenter mode share: the
 * one primary button (Run, Pause or Continue, as the search stands) and the
 * animation-speed select.
 */
import { pause, resume, setParams, startRun } from '../../store/run/controller';
import { SPEED_LABELS, SPEEDS } from '../../store/params/params';
import { useStore } from '../../store/store';
import { optionsOf, SelectField } from './SelectField';

const SPEED_OPTIONS = optionsOf(SPEEDS, SPEED_LABELS);

/** Run (idle), Pause (running) or Continue (paused; disabled while a step is under way). */
export function RunButton() {
  const status = useStore((s) => s.run.status);
  const stepping = useStore((s) => s.run.stepping);
  const ready = useStore((s) => s.engine.status === 'ready');
  if (status === 'running')
    return (
      <button type="button" className="primary" onClick={pause} data-testid="pause">
        Pause
      </button>
    );
  if (status === 'paused')
    return (
      <button type="button" className="primary" onClick={resume} data-testid="resume" disabled={stepping !== null}>
        Continue
      </button>
    );
  return (
    <button type="button" className="primary" onClick={() => void startRun()} disabled={!ready} data-testid="run">
      Run
    </button>
  );
}

/** The animation speed (URL `speed=`); `inline` puts the label beside the box. */
export function SpeedSelect({ label, inline }: { label: string; inline?: boolean }) {
  const speed = useStore((s) => s.params.speed);
  return (
    <SelectField
      label={label}
      value={speed}
      options={SPEED_OPTIONS}
      testId="speed"
      inline={inline}
      onChange={(v) => setParams({ speed: v })}
    />
  );
}
