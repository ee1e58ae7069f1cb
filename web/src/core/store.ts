/** A listener that is told the state has changed; read the new state with `getSnapshot()`. */
export type Listener = () => void;

/**
 * The smallest observable: one immutable state object, replaced on every change.
 * Framework-agnostic; React reads it with `useSyncExternalStore(store.subscribe, store.getSnapshot)`.
 * A listener that throws is reported and never stops the others (style.md §10).
 */
export class Store<State> {
  private state: State;
  private readonly listeners = new Set<Listener>();

  constructor(initial: State) {
    this.state = initial;
  }

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      this.onObserved();
    }
    return () => {
      if (this.listeners.delete(listener) && this.listeners.size === 0) {
        this.onUnobserved();
      }
    };
  };

  readonly getSnapshot = (): State => this.state;

  /** Called when the first listener subscribes: stores that measure something start here. */
  protected onObserved(): void {}

  /** Called when the last listener leaves: stop measuring, release resources. */
  protected onUnobserved(): void {}

  protected setState(patch: Partial<State>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        reportListenerError(error);
      }
    }
  }
}

function reportListenerError(error: unknown): void {
  if (typeof globalThis.reportError === 'function') {
    globalThis.reportError(error);
  }
}
