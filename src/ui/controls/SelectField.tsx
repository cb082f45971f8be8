export interface SelectOption<T extends string | number> {
  value: T;
  label: string;
}

/** Options from a list of values and their labels. */
export function optionsOf<T extends string | number>(values: readonly T[], labels: Readonly<Record<T, string>>): SelectOption<T>[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

interface Props<T extends string | number> {
  label: string;
  value: T;
  options: readonly SelectOption<T>[];
  disabled?: boolean;
  testId: string;
  /** Tooltip of the whole field. */
  title?: string;
  /** Label and list on one line, in a row of controls (default: the panels' field layout, as NumberField). */
  inline?: boolean;
  onChange: (v: T) => void;
}

/** A labelled drop-down list that hands back the chosen option's value with its own type (numbers stay numbers). */
export function SelectField<T extends string | number>({ label, value, options, disabled, testId, title, inline, onChange }: Props<T>) {
  return (
    <label className={inline ? undefined : 'field'} title={title}>
      {inline ? `${label} ` : <span>{label}</span>}
      <select
        value={value}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => {
          const chosen = options.find((o) => String(o.value) === e.target.value);
          if (chosen) onChange(chosen.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
