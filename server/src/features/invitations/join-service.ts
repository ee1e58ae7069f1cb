import type { Database } from '../../db/database.js';
import { AppError, tooManyRequests } from '../../http/errors.js';
import { KeyedLimiter } from '../../lib/keyed-limiter.js';
import type { OutboxRepo } from '../../mail/outbox-repo.js';
import { renderMeetingMail } from '../../mail/templates-meetings.js';
import { hashToken } from '../accounts/accounts-fns.js';
import type { AuditService } from '../audit/audit-service.js';
import { nextOccurrence, type MeetingAggregate } from '../meetings/aggregate-fns.js';
import { formatMeetingId } from '../meetings/ids-fns.js';
import type { MeetingsAccess } from '../meetings/meetings-access.js';
import { passcodeMatches } from '../meetings/meetings-fns.js';
import type { MeetingRecord, MeetingsRepo } from '../meetings/meetings-repo.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { InvitationRecord, InvitationsRepo } from './invitations-repo.js';

/** Per-process throttles of the public join entry points (keys HMACed in the limiter; nothing stored). */
export function createJoinLimits(now: () => number) {
  return {
    /** Link look-ups per source: 30, then one every 2 s. Tokens have 256 bits; this only stops floods. */
    tokenSource: new KeyedLimiter({ capacity: 30, refillPerSecond: 1 / 2, now }),
    /** Meeting-ID look-ups per source: 30, then one every 2 s (a care home shares one address; IDs have ≥ 10 digits). */
    meetingSource: new KeyedLimiter({ capacity: 30, refillPerSecond: 1 / 2, now }),
    /** Passcode guesses per source: 10, then one every 10 s. */
    guessSource: new KeyedLimiter({ capacity: 10, refillPerSecond: 1 / 10, now }),
    /** Passcode guesses per meeting ID from all sources together: 20, then one every 15 s. */
    passcodeMeeting: new KeyedLimiter({ capacity: 20, refillPerSecond: 1 / 15, now }),
  };
}
export type JoinLimits = ReturnType<typeof createJoinLimits>;

export interface JoinServiceDeps {
  db: Database;
  invitations: Pick<InvitationsRepo, 'findByToken' | 'end'>;
  meetings: Pick<MeetingsRepo, 'findByNumber' | 'claimAttackAlert'>;
  access: Pick<MeetingsAccess, 'load'>;
  outbox: Pick<OutboxRepo, 'insert'>;
  audit: Pick<AuditService, 'record'>;
  settings: Pick<SettingsService, 'get'>;
  limits: JoinLimits;
  baseUrl: string;
  now: () => Date;
}

/** What the join page shows. */
export interface JoinView {
  via: 'invitation' | 'meeting_id';
  aggregate: MeetingAggregate;
  invitee: Pick<InvitationRecord, 'name' | 'language' | 'timeZone'> | null;
}

const invitationInvalid = () =>
  new AppError('invitation_invalid', 410, 'This invitation is no longer valid.');
const passcodeRequired = () => new AppError('passcode_required', 403, 'Please enter the meeting passcode.');
const passcodeWrong = () => new AppError('passcode_wrong', 403, 'The meeting ID or passcode is not correct.');
const meetingCancelled = () => new AppError('meeting_cancelled', 410, 'This meeting has been cancelled.');

const ALERT_GAP_MS = 60 * 60 * 1000;

/**
 * The public entry points: a personal link, or meeting ID + passcode. An unknown meeting ID answers exactly like
 * a protected one (passcode required, then wrong), so IDs cannot be probed. Guesses are throttled per source and
 * per meeting; when a meeting's guesses are refused its host is mailed, at most once an hour.
 */
export function createJoinService(deps: JoinServiceDeps) {
  const usable = (meeting: MeetingRecord) =>
    meeting.status === 'active' && meeting.organisation.status === 'active';

  async function openInvitation(
    token: string,
    source: string,
  ): Promise<{ invitation: InvitationRecord; aggregate: MeetingAggregate }> {
    const check = deps.limits.tokenSource.take(source);
    if (!check.allowed) {
      throw tooManyRequests(check.retryAfterSeconds);
    }
    const invitation = await deps.invitations.findByToken(hashToken(token), deps.now());
    const aggregate = invitation && (await deps.access.load(invitation.meetingId));
    if (!invitation || invitation.status !== 'active' || !aggregate || !usable(aggregate.meeting)) {
      throw invitationInvalid();
    }
    return { invitation, aggregate };
  }

  /** Mails the host (once an hour) and records it: someone is guessing this meeting's passcode. */
  async function alertHost(meeting: MeetingRecord, via: 'web' | 'phone' = 'web'): Promise<void> {
    const now = deps.now();
    await deps.db.transaction().execute(async (trx) => {
      if (
        !(await deps.meetings.claimAttackAlert(meeting.id, now, new Date(now.getTime() - ALERT_GAP_MS), trx))
      ) {
        return;
      }
      if (meeting.host) {
        const settings = await deps.settings.get(trx);
        const rendered = renderMeetingMail(
          {
            template: 'meeting_under_attack',
            name: meeting.host.name,
            title: meeting.title,
            meetingId: formatMeetingId(meeting.number),
          },
          meeting.host.language,
          { associationName: settings.associationName, privacyUrl: `${deps.baseUrl}/privacy` },
        );
        await deps.outbox.insert(
          {
            recipient: meeting.host.email,
            template: 'meeting_under_attack',
            language: meeting.host.language,
            ...rendered,
          },
          now,
          trx,
        );
      }
      await deps.audit.record(trx, 'system', {
        action: 'meeting.passcode_attack',
        organisationId: meeting.organisation.id,
        target: { type: 'meeting', id: meeting.id },
        details: { hostNotified: meeting.host !== null, via },
      });
    });
  }

  return {
    /** The invitation behind a personal link and its meeting, for entering the live room (throttled like the page). */
    openInvitation,

    async byInvitation(token: string, source: string): Promise<JoinView> {
      const { invitation, aggregate } = await openInvitation(token, source);
      return {
        via: 'invitation',
        aggregate,
        invitee: { name: invitation.name, language: invitation.language, timeZone: invitation.timeZone },
      };
    },

    /** The invitee says no: link and PIN stop working, no further mail is sent to them. */
    async decline(token: string, source: string): Promise<void> {
      const { invitation, aggregate } = await openInvitation(token, source);
      await deps.db.transaction().execute(async (trx) => {
        await deps.invitations.end(invitation.id, 'declined', deps.now(), trx);
        await deps.audit.record(trx, 'system', {
          action: 'invitation.declined',
          organisationId: aggregate.meeting.organisation.id,
          target: { type: 'invitation', id: invitation.id },
        });
      });
    },

    async byMeetingId(number: string, passcode: string | undefined, source: string): Promise<JoinView> {
      const guessing = passcode !== undefined && passcode.trim() !== '';
      const bySource = guessing
        ? deps.limits.guessSource.take(source)
        : deps.limits.meetingSource.take(source);
      const byMeeting = guessing ? deps.limits.passcodeMeeting.take(number) : { allowed: true as const };
      const found = await deps.meetings.findByNumber(number);
      const meeting = found && found.organisation.status === 'active' ? found : undefined;
      if (!bySource.allowed || !byMeeting.allowed) {
        if (meeting && guessing) {
          await alertHost(meeting);
        }
        const waits = [bySource, byMeeting].map((r) => (r.allowed ? 0 : r.retryAfterSeconds));
        throw tooManyRequests(Math.max(...waits));
      }
      const open = meeting?.passcode === null;
      // Compared even for an unknown meeting, so that both take the same time.
      const matches = passcodeMatches(meeting?.passcode ?? 'unknown-meeting', passcode);
      if (!open && !guessing) {
        throw passcodeRequired();
      }
      if (!meeting || (!open && !matches)) {
        throw passcodeWrong();
      }
      if (!usable(meeting)) {
        throw meetingCancelled();
      }
      const aggregate = await deps.access.load(meeting.id);
      if (!aggregate) {
        throw passcodeWrong();
      }
      return { via: 'meeting_id', aggregate, invitee: null };
    },

    /** The phone gateway saw repeated wrong PINs for this meeting ID: tell the host as for passcode guessing. */
    async alertPhoneGuessing(number: string): Promise<void> {
      const meeting = await deps.meetings.findByNumber(number);
      if (meeting && meeting.organisation.status === 'active') {
        await alertHost(meeting, 'phone');
      }
    },

    nextOccurrence: (aggregate: MeetingAggregate) => nextOccurrence(aggregate, deps.now()),
  };
}

export type JoinService = ReturnType<typeof createJoinService>;
