import { useEffect, useRef, useState, type MouseEvent, type ReactNode, type SubmitEvent } from 'react';
import type { ApiError } from '../../core/api-client';
import { useTask } from '../../ui/use-task';
import { useMeetingsText } from './i18n/meetings-i18n';

/** A problem to show: linked to its field when it concerns one. */
export interface ShownProblem {
  field?: string | undefined;
  message: string;
}

export interface SubmitState<T> {
  busy: boolean;
  attempt: number;
  problems: ShownProblem[];
  done: T | undefined;
  errorFor: (field: string) => string | undefined;
  submit: (
    found: ShownProblem[],
    work: (signal: AbortSignal) => Promise<T>,
    onDone?: (data: T) => void,
  ) => void;
}

/**
 * One form's request and problems. Problems found before sending and the server's answer (`{error, details}`)
 * end up in one list, each with its field where the server named one (`fieldOf`), so the person is told what to
 * fix and where, in their language.
 */
export function useSubmit<T>(
  fieldOf: (error: ApiError) => string | undefined = () => undefined,
): SubmitState<T> {
  const { problem, t } = useMeetingsText();
  const [state, task] = useTask<T>();
  const [found, setFound] = useState<ShownProblem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const failure = state.status === 'failed' ? state.error : undefined;
  const serverField = failure ? fieldOf(failure) : undefined;
  const serverProblem: ShownProblem[] = failure
    ? [
        {
          field: serverField,
          message:
            failure.code === 'validation_failed' && serverField !== undefined
              ? t('form.errors.checkField')
              : problem(failure),
        },
      ]
    : [];
  const problems = [...found, ...serverProblem];
  return {
    busy: state.status === 'running',
    attempt,
    problems,
    done: state.status === 'done' ? state.data : undefined,
    errorFor: (field) => problems.find((shown) => shown.field === field)?.message,
    submit(next, work, onDone) {
      if (task.getSnapshot().status === 'running') {
        return;
      }
      setAttempt((count) => count + 1);
      setFound(next);
      if (next.length > 0) {
        task.reset();
        return;
      }
      void task.run(work).then((data) => {
        if (data !== undefined && task.getSnapshot().status === 'done') {
          onDone?.(data);
        }
      });
    },
  };
}

function focusField(id: string): void {
  const element = document.getElementById(id);
  const target = element?.matches('input, select, textarea, button')
    ? element
    : element?.querySelector<HTMLElement>('input, select, textarea, button');
  target?.focus();
}

/** "Please check": takes focus after a failed attempt and links each problem to its field. */
export function ProblemSummary({ problems, attempt }: { problems: ShownProblem[]; attempt: number }) {
  const { t } = useMeetingsText();
  const ref = useRef<HTMLDivElement>(null);
  const visible = problems.length > 0;
  const signature = problems.map((shown) => shown.message).join('|');
  useEffect(() => {
    if (visible) {
      ref.current?.focus();
    }
  }, [visible, attempt, signature]);
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
        <h2 className="error-summary-title">{t('form.summary')}</h2>
        <ul>
          {problems.map((shown, index) => (
            <li key={`${shown.field ?? ''}-${index}`}>
              {shown.field !== undefined ? (
                <a href={`#${shown.field}`} onClick={(event) => jump(event, shown.field ?? '')}>
                  {shown.message}
                </a>
              ) : (
                shown.message
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** What the form frame and its fields read from a SubmitState. */
export type FormView = Pick<SubmitState<unknown>, 'busy' | 'attempt' | 'problems' | 'errorFor'>;

/** A form with the problem summary on top, the submit button and one status line that says "Saving …". */
export function FormShell({
  state,
  onSubmit,
  submitLabel,
  busyLabel,
  actions,
  children,
  className = 'form',
  labelledBy,
}: {
  state: FormView;
  onSubmit: () => void;
  submitLabel: string;
  busyLabel: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  labelledBy?: string;
}) {
  const handle = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!state.busy) {
      onSubmit();
    }
  };
  return (
    <form className={className} noValidate onSubmit={handle} aria-labelledby={labelledBy}>
      <ProblemSummary problems={state.problems} attempt={state.attempt} />
      {children}
      <div className="actions">
        <button type="submit" className="button button-primary" aria-disabled={state.busy ? true : undefined}>
          {state.busy ? busyLabel : submitLabel}
        </button>
        {actions}
      </div>
      <p role="status" className="form-status">
        {state.busy ? busyLabel : ''}
      </p>
    </form>
  );
}
