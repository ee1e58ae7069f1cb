import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldHint } from '../../ui/form/fields';
import { TextField } from '../../ui/form/fields';
import type { DialInNumber } from './admin-types';

export interface DialInRow extends DialInNumber {
  /** Stable React key for a row being edited. */
  key: number;
}

/** As the server checks (server/src/features/settings/settings-schemas.ts). */
export const phoneNumberPattern = /^\+?[0-9][0-9 ()/-]{2,29}$/;

/** Editable list of dial-in numbers: a label and a number per row; add and remove rows. */
export function DialInNumbers({
  rows,
  onChange,
  errorFor,
}: {
  rows: DialInRow[];
  onChange: (rows: DialInRow[]) => void;
  errorFor: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const addRef = useRef<HTMLButtonElement>(null);
  const update = (key: number, patch: Partial<DialInNumber>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const add = () => {
    const key = Math.max(0, ...rows.map((row) => row.key)) + 1;
    onChange([...rows, { key, label: '', number: '' }]);
    // Focus the new row's first field once it is there.
    requestAnimationFrame(() => document.getElementById(`dial-in-${key}-label`)?.focus());
  };
  const remove = (key: number) => {
    onChange(rows.filter((row) => row.key !== key));
    addRef.current?.focus();
  };

  return (
    <fieldset className="field fieldset dial-in" aria-describedby="dial-in-hint">
      <legend className="field-label">{t('admin.settings.dialIn')}</legend>
      <FieldHint id="dial-in" hint={t('admin.settings.dialInHint')} />
      {rows.length === 0 && <p className="muted">{t('admin.settings.dialInEmpty')}</p>}
      {rows.map((row, index) => (
        <fieldset key={row.key} className="dial-in-row">
          <legend>{t('admin.settings.dialInRow', { number: index + 1 })}</legend>
          <div className="dial-in-fields">
            <TextField
              id={`dial-in-${row.key}-label`}
              label={t('admin.settings.dialInLabel')}
              hint={t('admin.settings.dialInLabelHint')}
              maxLength={100}
              value={row.label}
              error={errorFor(`dial-in-${row.key}-label`)}
              onChange={(event) => update(row.key, { label: event.target.value })}
            />
            <TextField
              id={`dial-in-${row.key}-number`}
              label={t('admin.settings.dialInNumber')}
              hint={t('admin.settings.dialInNumberHint')}
              type="tel"
              inputMode="tel"
              maxLength={30}
              value={row.number}
              error={errorFor(`dial-in-${row.key}-number`)}
              onChange={(event) => update(row.key, { number: event.target.value })}
            />
          </div>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => remove(row.key)}
          >
            {t('admin.settings.dialInRemove', { number: index + 1 })}
          </button>
        </fieldset>
      ))}
      <p>
        <button
          ref={addRef}
          type="button"
          className="button button-secondary"
          onClick={add}
          disabled={rows.length >= 20}
        >
          {t('admin.settings.dialInAdd')}
        </button>
      </p>
    </fieldset>
  );
}
