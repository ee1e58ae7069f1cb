import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../core/api-client';
import { Task, type TaskState } from '../../core/task';
import { errorText } from '../error-text';
import { useStore } from '../use-store';

/** A problem with one field, found before sending. */
export interface FieldProblem {
  /** The field's id (the summary links to it). */
  field: string;
  message: string;
}

export interface FormTask<T> {
  state: TaskState<T>;
  busy: boolean;
  /** Problems found before sending (the last attempt). */
  problems: FieldProblem[];
  /** Counts submit attempts, so the error summary takes focus again each time. */
  attempt: number;
  /** Which field a server error belongs to, if any. */
  failedField: string | undefined;
  /** The message for a field: its own problem, or the server's error when it belongs to this field. */
  errorFor: (field: string) => string | undefined;
  /**
   * Submits: with problems, shows them; else runs `work` (once at a time) and calls `onDone` with the result.
   */
  submit(
    problems: FieldProblem[],
    work: (signal: AbortSignal) => Promise<T>,
    onDone?: (data: T) => void,
  ): void;
  reset: () => void;
}

/**
 * The state of one form: problems found before sending, the request and its outcome. `serverFields` maps
 * server error codes to the field they concern (e.g. `invalid_password` → the current-password input).
 */
export function useFormTask<T = void>(serverFields: Record<string, string> = {}): FormTask<T> {
  const { t } = useTranslation();
  const [task] = useState(() => new Task<T>());
  const state = useStore(task);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => () => task.cancel(), [task]);

  const failure: ApiError | undefined = state.status === 'failed' ? state.error : undefined;
  const failedField = failure ? serverFields[failure.code] : undefined;

  return {
    state,
    busy: state.status === 'running',
    problems,
    attempt,
    failedField,
    errorFor(field) {
      const own = problems.find((problem) => problem.field === field);
      if (own) {
        return own.message;
      }
      return failure && failedField === field ? errorText(failure, t) : undefined;
    },
    submit(found, work, onDone) {
      if (task.getSnapshot().status === 'running') {
        return;
      }
      setAttempt((count) => count + 1);
      setProblems(found);
      if (found.length > 0) {
        task.reset();
        return;
      }
      void task.run(work).then((data) => {
        if (task.getSnapshot().status === 'done') {
          onDone?.(data as T);
        }
      });
    },
    reset() {
      task.reset();
      setProblems([]);
    },
  };
}
