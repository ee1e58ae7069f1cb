import type { Database } from '../../db/database.js';
import { notFound, tooManyRequests } from '../../http/errors.js';
import { KeyedLimiter } from '../../lib/keyed-limiter.js';
import { generateToken, hashToken } from '../accounts/accounts-fns.js';
import type { Actor } from '../accounts/auth-service.js';
import type { AuditService } from '../audit/audit-service.js';
import { scheduleIcs } from './aggregate-fns.js';
import { buildCalendarFeed, type FeedEntry } from './calendar-feed-fns.js';
import type { CalendarRepo } from './calendar-repo.js';
import type { MeetingsAccess } from './meetings-access.js';
import { icsUid, meetingPageLink } from './meetings-fns.js';

export interface CalendarServiceDeps {
  db: Database;
  repo: CalendarRepo;
  access: Pick<MeetingsAccess, 'load'>;
  audit: Pick<AuditService, 'record'>;
  baseUrl: string;
  now: () => Date;
}

/** Past meetings stay in the feed this long; then calendars drop them. */
const FEED_PAST_DAYS = 30;
const FEED_MAX_MEETINGS = 300;

/** The feed URL; the token is a path segment with `.ics`, which request logs redact (lib/logger.ts). */
export const feedUrl = (baseUrl: string, token: string) =>
  `${baseUrl.replace(/\/$/, '')}/api/calendar/${token}.ics`;

/** A host's private calendar subscription: create or rotate (the old URL stops working), delete, serve. */
export function createCalendarService(deps: CalendarServiceDeps) {
  const fetches = new KeyedLimiter({
    capacity: 30,
    refillPerSecond: 1 / 10,
    now: () => deps.now().getTime(),
  });
  const auditActor = (actor: Actor) => ({ userId: actor.userId, role: actor.role });

  return {
    status: (actor: Actor) => deps.repo.find(actor.userId),

    /** A new secret URL, shown once; any earlier one stops working. */
    async rotate(actor: Actor): Promise<{ url: string; createdAt: Date }> {
      const token = generateToken();
      const now = deps.now();
      await deps.db.transaction().execute(async (trx) => {
        await deps.repo.replace(actor.userId, hashToken(token), now, trx);
        await deps.audit.record(trx, auditActor(actor), {
          action: 'calendar_feed.created',
          target: { type: 'user', id: actor.userId },
        });
      });
      return { url: feedUrl(deps.baseUrl, token), createdAt: now };
    },

    async remove(actor: Actor): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        if (!(await deps.repo.remove(actor.userId, trx))) {
          throw notFound('calendar_feed');
        }
        await deps.audit.record(trx, auditActor(actor), {
          action: 'calendar_feed.deleted',
          target: { type: 'user', id: actor.userId },
        });
      });
    },

    /** The .ics text for a feed token; unknown tokens (and deactivated accounts) are "not found". */
    async feed(token: string, source: string): Promise<string> {
      const check = fetches.take(source);
      if (!check.allowed) {
        throw tooManyRequests(check.retryAfterSeconds);
      }
      const user = await deps.repo.userByToken(hashToken(token));
      if (!user) {
        throw notFound('calendar_feed');
      }
      const now = deps.now();
      const since = new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000);
      const entries: FeedEntry[] = [];
      for (const id of await deps.repo.meetingIdsOf(user.id, since, FEED_MAX_MEETINGS)) {
        const aggregate = await deps.access.load(id);
        if (!aggregate) {
          continue;
        }
        const { meeting } = aggregate;
        for (const schedule of aggregate.schedules) {
          entries.push({
            uid: icsUid(schedule.id, deps.baseUrl),
            sequence: schedule.sequence,
            title: meeting.title,
            description: `${meeting.organisation.name}\n${meetingPageLink(deps.baseUrl, meeting.id)}`,
            url: meetingPageLink(deps.baseUrl, meeting.id),
            cancelled: meeting.status === 'cancelled',
            ...scheduleIcs(aggregate, schedule),
          });
        }
      }
      return buildCalendarFeed({ name: `Treffpunkt – ${user.name}`, entries, now });
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
