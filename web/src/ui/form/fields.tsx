import { useState, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

export interface FieldBaseProps {
  /** The input's id; the error summary links to it. Unique on the page. */
  id: string;
  label: ReactNode;
  /** Help shown under the label and read with the field (`aria-describedby`). */
  hint?: ReactNode;
  /** The field's own error, shown above the input and read first. */
  error?: string | undefined;
  optional?: boolean;
}

/** Ids for `aria-describedby`: the error first (it matters most), then the hint. */
export function describedBy(id: string, hasHint: boolean, hasError: boolean): string | undefined {
  const ids = [hasError ? `${id}-error` : '', hasHint ? `${id}-hint` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FieldHint({ id, hint }: { id: string; hint: ReactNode }) {
  return (
    <div id={`${id}-hint`} className="field-hint">
      {hint}
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useTranslation();
  if (error === undefined) {
    return null;
  }
  return (
    <p id={`${id}-error`} className="field-error">
      <span className="visually-hidden">{t('common.errorPrefix')} </span>
      {error}
    </p>
  );
}

function FieldLabel({ id, label, optional }: Pick<FieldBaseProps, 'id' | 'label' | 'optional'>) {
  const { t } = useTranslation();
  return (
    <label htmlFor={id} className="field-label">
      {label}
      {optional && <span className="field-optional"> {t('common.optional')}</span>}
    </label>
  );
}

type InputProps = FieldBaseProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

/** A labelled single-line input with hint and inline error. */
export function TextField({ id, label, hint, error, optional, className, ...input }: InputProps) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <FieldLabel id={id} label={label} optional={optional} />
      {hint !== undefined && <FieldHint id={id} hint={hint} />}
      <FieldError id={id} error={error} />
      <input
        type="text"
        {...input}
        id={id}
        className="text-input"
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={describedBy(id, hint !== undefined, error !== undefined)}
      />
    </div>
  );
}

type TextAreaProps = FieldBaseProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

export function TextArea({ id, label, hint, error, optional, rows = 4, ...input }: TextAreaProps) {
  return (
    <div className="field">
      <FieldLabel id={id} label={label} optional={optional} />
      {hint !== undefined && <FieldHint id={id} hint={hint} />}
      <FieldError id={id} error={error} />
      <textarea
        {...input}
        id={id}
        rows={rows}
        className="text-input text-area"
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={describedBy(id, hint !== undefined, error !== undefined)}
      />
    </div>
  );
}

/** A password input with a "show password" checkbox, so people can check what they typed. */
export function PasswordField(props: Omit<InputProps, 'type'>) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <div className="password-field">
      <TextField
        {...props}
        type={visible ? 'text' : 'password'}
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        className="field-tight"
      />
      <div className="checkbox show-password">
        <input
          id={`${props.id}-show`}
          type="checkbox"
          checked={visible}
          aria-controls={props.id}
          onChange={(event) => setVisible(event.target.checked)}
        />
        <label htmlFor={`${props.id}-show`}>{t('common.showPassword')}</label>
      </div>
    </div>
  );
}
