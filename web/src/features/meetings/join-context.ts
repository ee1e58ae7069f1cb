import { createContext, useContext } from 'react';
import type { JoinView } from './meetings-types';

/** What the join page knows about the meeting behind its address (JoinGate loads it, JoinInfo shows it). */
export interface JoinContextValue {
  view: JoinView | undefined;
  /** A meeting ID whose meeting needs a passcode (or does not exist: the answer is the same). */
  protectedMeeting: boolean;
  /** Personal links only: says no to the invitation. */
  decline: (() => Promise<void>) | undefined;
}

export const JoinContext = createContext<JoinContextValue>({
  view: undefined,
  protectedMeeting: false,
  decline: undefined,
});

export const useJoinContext = () => useContext(JoinContext);
