import { useEffect, useState } from 'react';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  disabled?: boolean;
  testId: string;
  onChange: (v: number) => void;
}

/** An integer input that commits only valid values and says what is valid otherwise. */
export function NumberField({ label, value, min, max, disabled, testId, onChange }: Props) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const n = Number(text);
  const valid = /^\d+$/.test(text.trim()) && n >= min && n <= max;
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={text}
        disabled={disabled}
        aria-invalid={!valid}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (/^\d+$/.test(e.target.value.trim()) && v >= min && v <= max) onChange(v);
        }}
        onBlur={() => setText(String(value))}
      />
      {!valid && <em className="invalid">{`${min}..${max}`}</em>}
    </label>
  );
}
