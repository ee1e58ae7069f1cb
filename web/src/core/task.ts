import { isAbort, toApiError, type ApiError } from './api-client';
import { Store } from './store';

export interface TaskState<T> {
  /** `running` while a request is under way; `data` keeps the last result meanwhile. */
  status: 'idle' | 'running' | 'done' | 'failed';
  data: T | undefined;
  error: ApiError | undefined;
}

/**
 * One request at a time and its outcome, for a page to show: loading a list, saving a form. A newer run aborts
 * and supersedes an older one, so a slow answer never overwrites a newer one.
 */
export class Task<T> extends Store<TaskState<T>> {
  private controller: AbortController | undefined;

  constructor() {
    super({ status: 'idle', data: undefined, error: undefined });
  }

  /** Runs `work`; resolves with its result, or undefined when it failed or was superseded (see the state). */
  async run(work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.setState({ status: 'running', error: undefined });
    try {
      const data = await work(controller.signal);
      if (controller.signal.aborted) {
        return undefined;
      }
      this.setState({ status: 'done', data, error: undefined });
      return data;
    } catch (error) {
      if (!controller.signal.aborted && !isAbort(error)) {
        this.setState({ status: 'failed', error: toApiError(error) });
      }
      return undefined;
    } finally {
      if (this.controller === controller) {
        this.controller = undefined;
      }
    }
  }

  /** Replaces the result without a request (after a change the server confirmed). */
  set(data: T): void {
    this.setState({ status: 'done', data, error: undefined });
  }

  reset(): void {
    this.cancel();
    this.setState({ status: 'idle', data: undefined, error: undefined });
  }

  cancel(): void {
    this.controller?.abort();
    this.controller = undefined;
  }
}
