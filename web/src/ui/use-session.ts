import { session, type SessionState } from '../core/session';
import { useStore } from './use-store';

/** The logged-in user (or nobody) for components; methods are on `session` (core/session.ts). */
export function useSession(): SessionState {
  return useStore(session);
}
