import { useEffect, useRef, type MouseEvent, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorDetails } from '../ErrorMessage';
import type { FormTask } from './use-form-task';

/** Moves focus to an element by id; for a fieldset, to its first input. */
function focusField(id: string): void {
  const element = document.getElementById(id);
  const target = element?.matches('input, select, textarea, button')
    ? element
    : element?.querySelector<HTMLElement>('input, select, textarea, button');
  target?.focus();
}

/**
 * "Please check what you entered": takes focus after a failed submit, lists each problem as a link to its
 * field (GOV.UK pattern). A server error appears here too, linked to its field when it concerns one.
 */
export function ErrorSummary({ form }: { form: FormTask<unknown> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const failure = form.state.status === 'failed' ? form.state.error : undefined;
  const visible = form.problems.length > 0 || failure !== undefined;

  useEffect(() => {
    if (visible) {
      ref.current?.focus();
    }
  }, [visible, form.attempt, failure]);

  if (!visible) {
    return null;
  }
  const jump = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    event.preventDefault();
    focusField(id);
  };
  return (
    <div ref={ref} className="error-summary" tabIndex={-1}>
      <div role="alert">
        <h2 className="error-summary-title">{t('common.errorSummary')}</h2>
        <ul>
          {form.problems.map((problem) => (
            <li key={problem.field}>
              <a href={`#${problem.field}`} onClick={(event) => jump(event, problem.field)}>
                {problem.message}
              </a>
            </li>
          ))}
          {failure &&
            (form.failedField !== undefined ? (
              <li>
                <a href={`#${form.failedField}`} onClick={(event) => jump(event, form.failedField ?? '')}>
                  <ErrorDetails error={failure} />
                </a>
              </li>
            ) : (
              <li>
                <ErrorDetails error={failure} />
              </li>
            ))}
        </ul>
      </div>
    </div>
  );
}

export interface FormProps {
  form: FormTask<unknown>;
  onSubmit: () => void;
  submitLabel: string;
  /** Shown on the button and announced while the request runs; default "Wird gespeichert …". */
  busyLabel?: string;
  /** Shown and announced when the request succeeded. */
  success?: string | undefined;
  /** More buttons or links next to the submit button. */
  actions?: ReactNode;
  /** The submit button's look; primary by default. */
  submitClass?: string;
  children: ReactNode;
  'aria-labelledby'?: string;
}

/**
 * A form with error summary, submit button and one status line (`role="status"`) that says "Saving …" and then
 * the success message. The button stays focusable while busy (`aria-disabled`), so keyboard focus is not lost.
 */
export function Form({
  form,
  onSubmit,
  submitLabel,
  busyLabel,
  success,
  actions,
  submitClass = 'button button-primary',
  children,
  ...rest
}: FormProps) {
  const { t } = useTranslation();
  const handle = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!form.busy) {
      onSubmit();
    }
  };
  const busyText = busyLabel ?? t('common.saving');
  const done = form.state.status === 'done' && success !== undefined;
  return (
    <form className="form" noValidate onSubmit={handle} aria-labelledby={rest['aria-labelledby']}>
      <ErrorSummary form={form} />
      {children}
      <div className="actions">
        <button type="submit" className={submitClass} aria-disabled={form.busy ? true : undefined}>
          {form.busy ? busyText : submitLabel}
        </button>
        {actions}
      </div>
      <p role="status" className={done ? 'form-status status status-ok' : 'form-status'}>
        {form.busy ? busyText : done ? success : ''}
      </p>
    </form>
  );
}
