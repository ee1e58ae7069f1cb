import { useEffect, useEffectEvent, useState } from 'react';
import { Task, type TaskState } from '../core/task';
import { useStore } from './use-store';

/** A Task owned by the component: cancelled when the component leaves. */
export function useTask<T>(): [TaskState<T>, Task<T>] {
  const [task] = useState(() => new Task<T>());
  useEffect(() => () => task.cancel(), [task]);
  return [useStore(task), task];
}

export interface Query<T> extends TaskState<T> {
  reload: () => void;
  /** Replaces the data after a change the server confirmed, without a request. */
  set: (data: T) => void;
}

/** Loads data whenever `key` changes (e.g. a list's search and page) and keeps the last result meanwhile. */
export function useQuery<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Query<T> {
  const [state, task] = useTask<T>();
  const run = useEffectEvent(() => {
    void task.run(load);
  });
  useEffect(() => {
    run();
  }, [key]);
  return { ...state, reload: () => void task.run(load), set: (data) => task.set(data) };
}
