import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceOption } from '../../core/local-media-fns';

export interface DeviceSelectProps {
  label: string;
  options: DeviceOption[];
  /** Selected device id; `''` stands for "as set in the system" where offered. */
  value: string;
  onChange: (deviceId: string) => void;
  /** Adds an "as set in the system" choice with the value `''`. */
  offerSystemDefault?: boolean;
}

export function DeviceSelect({
  label,
  options,
  value,
  onChange,
  offerSystemDefault = false,
}: DeviceSelectProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
        {offerSystemDefault && <option value="">{t('setup.checkStep.systemDefault')}</option>}
        {options.map((option, index) => (
          <option key={option.id} value={option.id}>
            {option.label || t('setup.checkStep.unnamed', { kind: label, number: index + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}
