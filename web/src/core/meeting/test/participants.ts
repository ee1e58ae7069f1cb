import type { ParticipantView } from '../meeting-types';

/** A participant as the server describes them, for tests; override what matters. */
export function participant(id: string, patch: Partial<ParticipantView> = {}): ParticipantView {
  return {
    participantId: id,
    displayName: id.charAt(0).toUpperCase() + id.slice(1),
    role: 'participant',
    via: 'browser',
    micMuted: true,
    mutedByHost: false,
    cameraOn: false,
    screenSharing: false,
    handRaisedAt: null,
    connection: 'good',
    ...patch,
  };
}
