import { useSyncExternalStore } from 'react';
import type { Store } from '../core/store';

/** Reads a core store; the component re-renders when the store's state changes. */
export function useStore<State>(store: Store<State>): State {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
