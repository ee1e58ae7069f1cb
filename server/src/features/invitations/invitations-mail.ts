import type { MailAttachment } from '../../db/schema.js';
import type { OutboxRepo } from '../../mail/outbox-repo.js';
import { meetingPhrases } from '../../mail/templates-meetings-text.js';
import {
  renderMeetingMail,
  type MeetingFacts,
  type MeetingMailContent,
} from '../../mail/templates-meetings.js';
import { generateToken, hashToken } from '../accounts/accounts-fns.js';
import type { Executor } from '../accounts/accounts-repo.js';
import type { SettingsService } from '../settings/settings-service.js';
import {
  liveSchedules,
  meetingFacts,
  scheduleIcs,
  type MeetingAggregate,
} from '../meetings/aggregate-fns.js';
import { buildInvitationIcs } from '../meetings/ics-fns.js';
import { icsUid, personalJoinLink } from '../meetings/meetings-fns.js';
import type { MeetingRecord } from '../meetings/meetings-repo.js';
import type { ScheduleRecord } from '../meetings/schedules-repo.js';
import type { OccurrenceRecord } from '../meetings/occurrences-repo.js';
import type { InvitationRecord, InvitationsRepo } from './invitations-repo.js';

/** What happened, from an invitee's point of view. Each becomes one mail per invitation. */
export type MeetingChange =
  | { kind: 'invitation' }
  | { kind: 'updated'; scheduleIds?: string[] }
  | { kind: 'cancelled' }
  | { kind: 'occurrence_cancelled'; occurrence: OccurrenceRecord }
  | { kind: 'occurrence_moved'; occurrence: OccurrenceRecord; from: { start: Date; end: Date } }
  | { kind: 'revoked' }
  | { kind: 'reminder'; occurrence: OccurrenceRecord };

export interface InvitationMailerDeps {
  outbox: Pick<OutboxRepo, 'insert'>;
  invitations: Pick<InvitationsRepo, 'insertToken' | 'setLastMail'>;
  settings: Pick<SettingsService, 'get'>;
  baseUrl: string;
  /** ORGANIZER of the .ics (organizerAddress(MAIL_FROM)). */
  organizerEmail: string;
  /** Days after the last date at which invitee data is deleted, as the privacy note says. */
  retentionDays: number;
  now: () => Date;
}

const day = 86_400_000;

/**
 * Turns a change of a meeting into outbox rows, one per invitation, inside the caller's transaction: a fresh link
 * token where the mail carries a link (every mail's link keeps working until the invitation is resent, declined
 * or revoked; reminder links expire a day after their date), the mail in the invitee's language and zone, and the
 * .ics with the schedule's UID and current SEQUENCE.
 */
export function createInvitationMailer(deps: InvitationMailerDeps) {
  function icsDescription(fact: MeetingFacts, invitation: InvitationRecord, link: string | null): string {
    const p = meetingPhrases[invitation.language];
    const phone = fact.phone
      ? [
          `${p.headings.phone}:`,
          ...fact.phone.numbers.map((n) => `${n.label}: ${n.number}`),
          ...p.phoneLines(fact.phone.meetingId, fact.phone.pin),
        ]
      : [];
    return [...(link ? [`${p.joinLabel}: ${link}`, ''] : []), fact.description, '', ...phone]
      .join('\n')
      .trim();
  }

  function attachments(
    aggregate: MeetingAggregate,
    invitation: InvitationRecord,
    change: MeetingChange,
    fact: MeetingFacts,
    link: string | null,
  ): MailAttachment[] {
    const now = deps.now();
    const live = liveSchedules(aggregate, now);
    const byId = (ids: string[]) => aggregate.schedules.filter((s) => ids.includes(s.id));
    let method: 'REQUEST' | 'CANCEL' = 'REQUEST';
    let schedules: ScheduleRecord[] = live;
    let cancelledOccurrence: string | undefined;
    switch (change.kind) {
      case 'reminder':
        return [];
      case 'updated':
        schedules = change.scheduleIds ? byId(change.scheduleIds) : live;
        break;
      case 'occurrence_moved':
        schedules = byId([change.occurrence.scheduleId]);
        break;
      case 'occurrence_cancelled':
        method = 'CANCEL';
        schedules = byId([change.occurrence.scheduleId]);
        cancelledOccurrence = change.occurrence.occurrenceKey;
        break;
      case 'cancelled':
      case 'revoked':
        method = 'CANCEL';
        break;
      case 'invitation':
        break;
    }
    const english = invitation.language === 'en';
    const name =
      method === 'CANCEL' ? (english ? 'cancellation' : 'absage') : english ? 'invitation' : 'einladung';
    return schedules.map((schedule, index) => ({
      filename: `${name}${index === 0 ? '' : `-${index + 1}`}.ics`,
      contentType: `text/calendar; charset=utf-8; method=${method}`,
      content: buildInvitationIcs({
        method,
        uid: icsUid(schedule.id, deps.baseUrl),
        sequence: schedule.sequence,
        title: aggregate.meeting.title,
        description: icsDescription(fact, invitation, link),
        joinUrl: link ?? deps.baseUrl,
        organizer: { name: organizerName(aggregate.meeting), email: deps.organizerEmail },
        attendee: { email: invitation.email, ...(invitation.name ? { name: invitation.name } : {}) },
        ...scheduleIcs(aggregate, schedule),
        // A cancelled occurrence is addressed alone; exceptions and moves belong to full requests only.
        ...(cancelledOccurrence !== undefined
          ? { cancelledOccurrence, exdates: [], movedOccurrences: [] }
          : method === 'CANCEL'
            ? { movedOccurrences: [] }
            : {}),
        now,
      }),
    }));
  }

  function content(
    change: MeetingChange,
    invitation: InvitationRecord,
    fact: MeetingFacts,
    link: string,
  ): MeetingMailContent {
    const base = { name: invitation.name, facts: fact };
    const date = (o: { start: Date; end: Date }) => ({ start: o.start, end: o.end, cancelled: false });
    switch (change.kind) {
      case 'invitation':
        return { template: 'meeting_invitation', ...base, link };
      case 'updated':
        return { template: 'meeting_updated', ...base, link };
      case 'cancelled':
        return { template: 'meeting_cancelled', ...base };
      case 'revoked':
        return { template: 'invitation_revoked', ...base };
      case 'occurrence_cancelled':
        return { template: 'occurrence_cancelled', ...base, link, date: date(change.occurrence) };
      case 'occurrence_moved':
        return {
          template: 'occurrence_moved',
          ...base,
          link,
          from: date(change.from),
          to: date(change.occurrence),
        };
      case 'reminder':
        return { template: 'meeting_reminder', ...base, link, date: date(change.occurrence) };
    }
  }

  return {
    /** Queues one mail per invitation about `change`. Call inside the transaction that made the change. */
    async send(
      trx: Executor,
      aggregate: MeetingAggregate,
      invitations: InvitationRecord[],
      change: MeetingChange,
    ): Promise<void> {
      if (invitations.length === 0) {
        return;
      }
      const settings = await deps.settings.get(trx);
      const branding = { associationName: settings.associationName, privacyUrl: `${deps.baseUrl}/privacy` };
      const withLink = change.kind !== 'cancelled' && change.kind !== 'revoked';
      for (const invitation of invitations) {
        const now = deps.now();
        let link: string | null = null;
        if (withLink) {
          const token = generateToken();
          const expires = change.kind === 'reminder' ? new Date(change.occurrence.end.getTime() + day) : null;
          await deps.invitations.insertToken(invitation.id, hashToken(token), now, expires, trx);
          link = personalJoinLink(deps.baseUrl, token);
        }
        const fact = meetingFacts(aggregate, {
          timeZone: invitation.timeZone,
          pin: invitation.pin,
          dialInNumbers: settings.dialInNumbers,
          retentionDays: deps.retentionDays,
          now,
        });
        const mail = content(change, invitation, fact, link ?? '');
        const rendered = renderMeetingMail(mail, invitation.language, branding);
        const mailId = await deps.outbox.insert(
          {
            recipient: invitation.email,
            template: mail.template,
            language: invitation.language,
            ...rendered,
            attachments: attachments(aggregate, invitation, change, fact, link),
          },
          now,
          trx,
        );
        if (change.kind !== 'reminder') {
          await deps.invitations.setLastMail(invitation.id, mailId, trx);
        }
      }
    },
  };
}

const organizerName = (meeting: MeetingRecord): string => meeting.host?.name ?? meeting.organisation.name;

export type InvitationMailer = ReturnType<typeof createInvitationMailer>;
