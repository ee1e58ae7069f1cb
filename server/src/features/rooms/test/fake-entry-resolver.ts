import { randomBytes } from 'node:crypto';
import type { RoomCredential } from '@treffpunkt/protocol';
import { AppError, forbidden } from '../../../http/errors.js';
import type { SessionUser } from '../../signalling/signalling-types.js';
import type { RoomEntry, RoomEntryResolver, RoomRole, RoomSettings } from '../rooms-types.js';

export const defaultSettings: RoomSettings = {
  waitingRoom: true,
  joinBeforeHost: false,
  muteOnEntry: false,
  cameraOffOnEntry: false,
  allowSelfUnmute: true,
  chatEnabled: true,
  maxParticipants: 10,
  e2ee: false,
  lockNames: false,
};

export interface FakeMeeting {
  meetingId: string;
  meetingKey: string;
  title: string;
  passcode?: string;
  hosts: string[];
  settings: RoomSettings;
}

/**
 * The RoomEntryResolver contract as the meetings feature will implement it, over in-memory meetings and
 * invitations: the same credentials, identity keys and error codes.
 */
export class FakeEntryResolver implements RoomEntryResolver {
  readonly meetings = new Map<string, FakeMeeting>();
  readonly invitations = new Map<string, { id: string; meetingId: string; name: string; role: RoomRole }>();
  resolved = 0;

  addMeeting(meeting: Partial<FakeMeeting> & { meetingId: string }): FakeMeeting {
    const full: FakeMeeting = {
      meetingKey: `occurrence-${meeting.meetingId}`,
      title: 'Gesprächskreis Trauer',
      hosts: ['user-host'],
      settings: defaultSettings,
      ...meeting,
    };
    this.meetings.set(full.meetingId, full);
    return full;
  }

  /** Returns the invitation token. */
  invite(meetingId: string, name: string, role: RoomRole = 'participant'): string {
    const token = randomBytes(18).toString('base64url');
    this.invitations.set(token, { id: `inv-${this.invitations.size + 1}`, meetingId, name, role });
    return token;
  }

  async resolve(
    credential: RoomCredential,
    context: { sessionUser?: SessionUser | undefined },
  ): Promise<RoomEntry> {
    this.resolved += 1;
    if (credential.kind === 'invitation') {
      const invitation = this.invitations.get(credential.token);
      const meeting = invitation && this.meetings.get(invitation.meetingId);
      if (!invitation || !meeting) {
        throw new AppError('invitation_invalid', 404, 'This invitation link is not valid.');
      }
      return this.entry(meeting, invitation.role, invitation.name, `invitation:${invitation.id}`);
    }
    const meeting = this.meetings.get(credential.meetingId);
    if (!meeting) {
      throw new AppError('not_found', 404, 'There is no meeting with this ID.');
    }
    if (credential.kind === 'host') {
      const user = context.sessionUser;
      if (!user || !meeting.hosts.includes(user.userId)) {
        throw forbidden('Only the meeting’s hosts can start it.');
      }
      return this.entry(meeting, 'host', user.displayName, `user:${user.userId}`);
    }
    if (meeting.passcode !== undefined && credential.passcode === undefined) {
      throw new AppError('passcode_required', 401, 'Please enter the passcode.');
    }
    if (meeting.passcode !== undefined && credential.passcode !== meeting.passcode) {
      throw new AppError('passcode_wrong', 401, 'The passcode is not correct.');
    }
    return this.entry(meeting, 'participant', 'Gast', `anonymous:${randomBytes(9).toString('base64url')}`);
  }

  private entry(meeting: FakeMeeting, role: RoomRole, displayName: string, identityKey: string): RoomEntry {
    return {
      meetingKey: meeting.meetingKey,
      title: meeting.title,
      role,
      displayName,
      identityKey,
      settings: meeting.settings,
    };
  }
}
