import type { ReactNode } from 'react';
import { describedBy, FieldError, FieldHint } from './fields';

export interface Option<V extends string> {
  value: V;
  label: ReactNode;
  /** `lang` of the label, e.g. for language names. */
  lang?: string;
}

interface GroupProps {
  /** Id of the fieldset; the first input is `${id}-0`, which the error summary links to. */
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
}

function Group({ id, legend, hint, error, children }: GroupProps & { children: ReactNode }) {
  return (
    <fieldset
      id={id}
      className="field fieldset"
      aria-describedby={describedBy(id, hint !== undefined, error !== undefined)}
    >
      <legend className="field-label">{legend}</legend>
      {hint !== undefined && <FieldHint id={id} hint={hint} />}
      <FieldError id={id} error={error} />
      {children}
    </fieldset>
  );
}

/** One choice of a few: radio buttons in a fieldset, each with a large clickable label. */
export function RadioGroup<V extends string>({
  name,
  options,
  value,
  onChange,
  ...group
}: GroupProps & { name: string; options: Option<V>[]; value: V; onChange: (value: V) => void }) {
  return (
    <Group {...group}>
      <div className="choices">
        {options.map((option, index) => (
          <div className="choice" key={option.value}>
            <input
              id={`${group.id}-${index}`}
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <label htmlFor={`${group.id}-${index}`} lang={option.lang}>
              {option.label}
            </label>
          </div>
        ))}
      </div>
    </Group>
  );
}

/** Several choices: checkboxes in a fieldset. */
export function CheckboxGroup<V extends string>({
  options,
  values,
  onChange,
  ...group
}: GroupProps & { options: Option<V>[]; values: readonly V[]; onChange: (values: V[]) => void }) {
  const toggle = (value: V, checked: boolean) =>
    onChange(checked ? [...values, value] : values.filter((existing) => existing !== value));
  return (
    <Group {...group}>
      <div className="choices">
        {options.map((option, index) => (
          <div className="choice" key={option.value}>
            <input
              id={`${group.id}-${index}`}
              type="checkbox"
              checked={values.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            <label htmlFor={`${group.id}-${index}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </Group>
  );
}

/** A single yes/no setting with its hint. */
export function Checkbox({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="field">
      <div className="choice">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={hint !== undefined ? `${id}-hint` : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint !== undefined && <FieldHint id={id} hint={hint} />}
    </div>
  );
}

/** A labelled native select. */
export function SelectField<V extends string>({
  id,
  label,
  hint,
  options,
  value,
  onChange,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  options: Option<V>[];
  value: V;
  onChange: (value: V) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {hint !== undefined && <FieldHint id={id} hint={hint} />}
      <select
        id={id}
        className="select"
        value={value}
        aria-describedby={hint !== undefined ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value as V)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
