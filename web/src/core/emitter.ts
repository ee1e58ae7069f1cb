/**
 * Typed events for live objects. A listener that throws is reported and never stops the others, nor the emitter
 * (style.md §10).
 */
export class Emitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  on<Name extends keyof Events>(name: Name, listener: (payload: Events[Name]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<Name extends keyof Events>(name: Name, payload: Events[Name]): void {
    const set = this.listeners.get(name);
    if (!set) {
      return;
    }
    for (const listener of [...set] as ((payload: Events[Name]) => void)[]) {
      try {
        listener(payload);
      } catch (error) {
        if (typeof globalThis.reportError === 'function') {
          globalThis.reportError(error);
        }
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
