/** Maps each event name to the tuple of arguments its listeners receive. */
export type EventMap = Record<string, unknown[]>;

export type Listener<Args extends unknown[]> = (...args: Args) => void | Promise<void>;

/** Called when a listener throws or its promise rejects; the emitter itself never throws. */
export type ListenerErrorSink = (error: unknown, event: string) => void;

/**
 * A small typed event emitter for live objects (Janus channel, session, handle, node).
 *
 * Unlike Node's EventEmitter, a listener's exception (or rejected promise) never escapes into the code that
 * emitted the event: a faulty feature must not break the media adapter's bookkeeping. Errors go to the
 * sink given to the constructor (usually a logger). `emit` is protected so that only the owner announces
 * its events.
 */
export class TypedEmitter<Events extends EventMap> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never[]>>>();

  constructor(private readonly onListenerError: ListenerErrorSink = () => undefined) {}

  /** Adds a listener; returns a function that removes it again. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    // Stored type-erased; `emit` only ever calls it with Events[K].
    const stored = listener as unknown as Listener<never[]>;
    set.add(stored);
    return () => {
      set.delete(stored);
    };
  }

  /** Adds a listener that is removed before its first call. */
  once<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const off = this.on(event, (...args: Events[K]) => {
      off();
      return listener(...args);
    });
    return off;
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** Drops every listener, e.g. once the object has closed and will emit nothing more. */
  removeAllListeners(): void {
    this.listeners.clear();
  }

  protected emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    const set = this.listeners.get(event);
    if (!set) {
      return;
    }
    // Copy: listeners may remove themselves (once) or others while we iterate.
    for (const listener of [...set]) {
      try {
        const result = (listener as unknown as Listener<Events[K]>)(...args);
        if (result instanceof Promise) {
          result.catch((error: unknown) => this.reportListenerError(error, event));
        }
      } catch (error) {
        this.reportListenerError(error, event);
      }
    }
  }

  private reportListenerError(error: unknown, event: keyof Events): void {
    try {
      this.onListenerError(error, String(event));
    } catch {
      // The sink itself failed (e.g. a closed log stream); there is nobody left to tell.
    }
  }
}
