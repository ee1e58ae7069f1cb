import type { Database } from '../../db/database.js';
import { describeError, type Logger } from '../../lib/logger.js';
import { deleteExpiredMeetingRecords } from '../chat/chat-retention.js';
import type { InvitationMailer } from '../invitations/invitations-mail.js';
import type { InvitationsRepo } from '../invitations/invitations-repo.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { MeetingsAccess } from './meetings-access.js';
import type { MeetingsRepo } from './meetings-repo.js';
import type { OccurrencesRepo } from './occurrences-repo.js';

const day = 24 * 60 * 60 * 1000;

/** How long meeting data is kept. Documented in docs/privacy/retention.md — keep both in step. */
export interface MeetingsRetentionPolicy {
  /** Invitee emails, names, PINs and link tokens: days after the meeting's last date (or its cancellation). */
  invitationDays: number;
  /** Declined and revoked invitations: days after they ended. */
  endedInvitationDays: number;
  /** The meeting itself (title, times, settings, occurrences) for usage reports: days after its last date. */
  meetingDays: number;
}

export const defaultMeetingsRetention: MeetingsRetentionPolicy = {
  invitationDays: 30,
  endedInvitationDays: 30,
  meetingDays: 365,
};

export interface MeetingsJobsDeps {
  db: Database;
  meetings: Pick<MeetingsRepo, 'deleteEndedBefore'>;
  occurrences: Pick<OccurrencesRepo, 'dueReminders' | 'claimReminder'>;
  invitations: Pick<
    InvitationsRepo,
    'forMeeting' | 'syncDelivery' | 'deleteOfEndedMeetings' | 'deleteEndedBefore' | 'deleteExpiredTokens'
  >;
  access: Pick<MeetingsAccess, 'load'>;
  mailer: Pick<InvitationMailer, 'send'>;
  /** Its `chatRetentionDays` is the default for chat and polls; organisations may set their own. */
  settings: Pick<SettingsService, 'get'>;
  policy: MeetingsRetentionPolicy;
  now: () => Date;
}

export type MeetingsJobCounts = Record<
  'reminders' | 'deliveries' | 'invitations' | 'endedInvitations' | 'tokens' | 'meetings' | 'chat' | 'polls',
  number
>;

/** Queues reminder mails for occurrences whose reminder time has come; each is claimed once, across nodes. */
async function runReminders(deps: MeetingsJobsDeps): Promise<number> {
  let sent = 0;
  for (const occurrence of await deps.occurrences.dueReminders(deps.now(), 50)) {
    sent += await deps.db.transaction().execute(async (trx) => {
      if (!(await deps.occurrences.claimReminder(occurrence.id, deps.now(), trx))) {
        return 0;
      }
      const aggregate = await deps.access.load(occurrence.meetingId, trx);
      const invitees = await deps.invitations.forMeeting(occurrence.meetingId, { status: 'active' }, trx);
      if (aggregate) {
        await deps.mailer.send(trx, aggregate, invitees, { kind: 'reminder', occurrence });
      }
      return invitees.length;
    });
  }
  return sent;
}

/** One pass: reminders, then every deletion rule (each one idempotent statement). */
export async function runMeetingsJobs(deps: MeetingsJobsDeps): Promise<MeetingsJobCounts> {
  const now = deps.now();
  const ago = (days: number) => new Date(now.getTime() - days * day);
  return {
    reminders: await runReminders(deps),
    deliveries: await deps.invitations.syncDelivery(),
    invitations: await deps.invitations.deleteOfEndedMeetings(ago(deps.policy.invitationDays)),
    endedInvitations: await deps.invitations.deleteEndedBefore(ago(deps.policy.endedInvitationDays)),
    tokens: await deps.invitations.deleteExpiredTokens(now),
    meetings: await deps.meetings.deleteEndedBefore(ago(deps.policy.meetingDays)),
    ...(await deleteExpiredMeetingRecords(deps.db, now, (await deps.settings.get()).chatRetentionDays)),
  };
}

/** Runs `runMeetingsJobs` now and then every `intervalMs` (default a minute, for reminders); passes never overlap. */
export function startMeetingsJobs(deps: MeetingsJobsDeps & { logger: Logger; intervalMs?: number }): {
  runOnce(): Promise<MeetingsJobCounts>;
  close(): Promise<void>;
} {
  let running: Promise<MeetingsJobCounts> | undefined;
  let closed = false;
  const runOnce = async (): Promise<MeetingsJobCounts> => {
    while (running) {
      await running.catch(() => undefined);
    }
    running = runMeetingsJobs(deps).finally(() => {
      running = undefined;
    });
    return running;
  };
  const tick = () => {
    if (running || closed) {
      return;
    }
    runOnce().then(
      (counts) => {
        if (Object.values(counts).some((count) => count > 0)) {
          deps.logger.info({ counts }, 'meetings jobs pass');
        }
      },
      (error: unknown) => deps.logger.error({ err: describeError(error) }, 'meetings jobs pass failed'),
    );
  };
  const timer = setInterval(tick, deps.intervalMs ?? 60 * 1000);
  timer.unref();
  tick();
  return {
    runOnce,
    async close() {
      closed = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
