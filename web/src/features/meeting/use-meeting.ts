import { useEffect, useState, useSyncExternalStore } from 'react';
import type { MeetingController } from '../../core/meeting/meeting-controller';
import { MeetingClient } from '../../core/meeting/meeting-client';
import { MeetingMedia } from '../../core/meeting/meeting-media';
import type { MeetingState, RoomCredential } from '../../core/meeting/meeting-types';

/**
 * The page's meeting: one client (with its camera and microphone) per mount; the page remounts for another meeting
 * or a new attempt. Leaving the page says goodbye and releases the devices (React's development double mount
 * only closes what a later `join` opens again).
 */
export function useMeetingClient(credential: RoomCredential): MeetingClient {
  const [client] = useState(() => new MeetingClient({ credential, media: new MeetingMedia() }));
  useEffect(() => () => client.destroy(), [client]);
  return client;
}

/** The meeting's state; the component re-renders when it changes. */
export function useMeetingState(meeting: MeetingController): MeetingState {
  return useSyncExternalStore(meeting.subscribe, meeting.getSnapshot);
}
