import { randomBytes } from 'node:crypto';
import type { RoomCredential } from '@treffpunkt/protocol';
import { AppError, forbidden } from '../../http/errors.js';
import type { UsersRepo } from '../accounts/accounts-repo.js';
import type { InvitationsRepo } from '../invitations/invitations-repo.js';
import type { JoinService } from '../invitations/join-service.js';
import type { RoomEntry, RoomEntryContext, RoomEntryResolver, RoomRole } from '../rooms/rooms-types.js';
import { nextOccurrence, type MeetingAggregate } from './aggregate-fns.js';
import type { MeetingsAccess } from './meetings-access.js';
import { passcodeMatches } from './meetings-fns.js';
import type { MeetingRecord, MeetingsRepo } from './meetings-repo.js';

export type PhoneResolution =
  { entry: RoomEntry; numbered?: true } | { failure: 'unknown' | 'e2ee' | 'over' };

export interface MeetingsEntryResolverDeps {
  join: Pick<JoinService, 'openInvitation' | 'byMeetingId'>;
  invitations: Pick<InvitationsRepo, 'findActiveByPin'>;
  meetings: Pick<MeetingsRepo, 'findByNumber'>;
  access: Pick<MeetingsAccess, 'load'>;
  users: Pick<UsersRepo, 'findById' | 'membershipsOf'>;
  now: () => Date;
}

/** Sources without an address (tests, a proxy that hides it) share one throttling key. */
const UNKNOWN_SOURCE = 'unknown';

/** Until the person types a name on the pre-join page (the client's name replaces it). */
const GUEST_NAME = 'Gast';

/** Callers with the meeting-wide PIN; the seat adds the number ("Telefon 2"). */
const PHONE_NAME = 'Telefon';

const meetingGone = () => new AppError('not_found', 404, 'This meeting is over or has been cancelled.');

/** How the meeting's scheduled settings become the live room's. Names are not locked and self-unmute is allowed. */
function roomSettings(meeting: MeetingRecord): RoomEntry['settings'] {
  const { settings } = meeting;
  return {
    waitingRoom: settings.waitingRoom,
    joinBeforeHost: settings.joinBeforeHost,
    muteOnEntry: settings.muteOnEntry,
    cameraOffOnEntry: settings.cameraOffOnEntry,
    allowSelfUnmute: true,
    chatEnabled: settings.chat,
    maxParticipants: settings.maxParticipants,
    e2ee: settings.e2ee,
    lockNames: false,
  };
}

/**
 * The live room's door, kept by the meetings feature: personal links and meeting ID + passcode go through the same
 * throttled checks as the join page; a host's credential needs the session of the meeting's host, a co-host, another
 * host of the organisation (they stand in for each other) or a platform admin. The room is the meeting's current or
 * next occurrence, so a host may open it early as a test slot.
 */
export interface MeetingsEntryResolver extends RoomEntryResolver {
  /**
   * A caller's meeting ID and PIN (digits as typed): an invitee's personal PIN, or the meeting-wide one while
   * the host has it switched on (then `numbered`: the seat is named "Telefon <n>" when taken, see
   * dial-in-fns.ts). `e2ee` when the meeting is end-to-end encrypted (callers are told why); `unknown` for any
   * wrong pair or dial-in switched off, so IDs cannot be probed. The gateway counts failures.
   */
  resolvePhone(meetingId: string, pin: string): Promise<PhoneResolution>;
}

export function createMeetingsEntryResolver(deps: MeetingsEntryResolverDeps): MeetingsEntryResolver {
  function entryFor(
    aggregate: MeetingAggregate,
    who: { role: RoomRole; displayName: string; identityKey: string },
  ): RoomEntry {
    const { meeting } = aggregate;
    const occurrence = nextOccurrence(aggregate, deps.now());
    if (meeting.status !== 'active' || meeting.organisation.status !== 'active' || !occurrence) {
      throw meetingGone();
    }
    return { meetingKey: occurrence.id, title: meeting.title, settings: roomSettings(meeting), ...who };
  }

  async function hostRole(meeting: MeetingRecord, userId: string): Promise<RoomRole | undefined> {
    if (meeting.host?.id === userId) {
      return 'host';
    }
    if (meeting.coHosts.some((coHost) => coHost.id === userId)) {
      return 'cohost';
    }
    const user = await deps.users.findById(userId);
    if (!user || user.status !== 'active') {
      return undefined;
    }
    if (user.role === 'platform_admin') {
      return 'host';
    }
    const memberships = (await deps.users.membershipsOf([userId])).get(userId) ?? [];
    return memberships.some((m) => m.id === meeting.organisation.id && m.status === 'active')
      ? 'host'
      : undefined;
  }

  async function resolveHost(meetingId: string, context: RoomEntryContext): Promise<RoomEntry> {
    const user = context.sessionUser;
    if (!user) {
      throw forbidden('Please log in to open this meeting as its host.');
    }
    const meeting = await deps.meetings.findByNumber(meetingId);
    const role = meeting && (await hostRole(meeting, user.userId));
    const aggregate = meeting && role && (await deps.access.load(meeting.id));
    if (!role || !aggregate) {
      throw new AppError('not_found', 404, 'There is no meeting of yours with this ID.');
    }
    return entryFor(aggregate, { role, displayName: user.displayName, identityKey: `user:${user.userId}` });
  }

  return {
    async resolvePhone(meetingId, pin) {
      const meeting = /^\d{10,16}$/.test(meetingId) ? await deps.meetings.findByNumber(meetingId) : undefined;
      const wellFormed = meeting !== undefined && /^\d{4,12}$/.test(pin);
      const invitation = wellFormed && (await deps.invitations.findActiveByPin(meeting.id, pin));
      // Off means null, so a switched-off meeting-wide PIN is answered like any wrong one.
      const shared = wellFormed && !invitation && passcodeMatches(meeting.phonePin, pin);
      const aggregate = meeting && (invitation || shared) && (await deps.access.load(meeting.id));
      if (!meeting || !aggregate) {
        return { failure: 'unknown' };
      }
      if (meeting.settings.e2ee) {
        return { failure: 'e2ee' };
      }
      // Dial-in switched off: answered like a wrong PIN, the caller learns nothing about the meeting.
      if (!meeting.settings.dialIn) {
        return { failure: 'unknown' };
      }
      try {
        if (!invitation) {
          // Nobody in particular: a fresh anonymous identity per call, like a guest with the meeting ID.
          return {
            entry: entryFor(aggregate, {
              role: 'participant',
              displayName: PHONE_NAME,
              identityKey: `anonymous:${randomBytes(16).toString('base64url')}`,
            }),
            numbered: true,
          };
        }
        return {
          entry: entryFor(aggregate, {
            role: 'participant',
            displayName: invitation.name || GUEST_NAME,
            identityKey: `invitation:${invitation.id}`,
          }),
        };
      } catch {
        return { failure: 'over' };
      }
    },

    async resolve(credential: RoomCredential, context: RoomEntryContext): Promise<RoomEntry> {
      const source = context.source ?? UNKNOWN_SOURCE;
      switch (credential.kind) {
        case 'invitation': {
          const { invitation, aggregate } = await deps.join.openInvitation(credential.token, source);
          return entryFor(aggregate, {
            role: 'participant',
            displayName: invitation.name || GUEST_NAME,
            identityKey: `invitation:${invitation.id}`,
          });
        }
        case 'meeting': {
          const view = await deps.join
            .byMeetingId(credential.meetingId, credential.passcode, source)
            .catch((error: unknown) => {
              throw error instanceof AppError && error.code === 'meeting_cancelled' ? meetingGone() : error;
            });
          return entryFor(view.aggregate, {
            role: 'participant',
            displayName: GUEST_NAME,
            identityKey: `anonymous:${randomBytes(16).toString('base64url')}`,
          });
        }
        case 'host':
          return resolveHost(credential.meetingId, context);
      }
    },
  };
}
