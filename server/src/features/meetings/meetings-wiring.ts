import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../../config/config.js';
import type { Database } from '../../db/database.js';
import { describeError, type Logger } from '../../lib/logger.js';
import { createOutboxRepo } from '../../mail/outbox-repo.js';
import { createUsersRepo } from '../accounts/accounts-repo.js';
import type { AuthHttp } from '../accounts/auth-http.js';
import { createAuditRepo } from '../audit/audit-repo.js';
import { createAuditService } from '../audit/audit-service.js';
import { createGroupSpaceRepo } from '../group-space/group-space-repo.js';
import { groupSpaceRoutes } from '../group-space/group-space-routes.js';
import { chatExportRoutes } from '../chat/chat-export.js';
import { pollsRoutes } from '../polls/polls-routes.js';
import { PollDraftEvents } from '../polls/poll-draft-events.js';
import { createGroupSpaceService } from '../group-space/group-space-service.js';
import { stopGroupDigest } from '../group-space/group-space-digest.js';
import { startGroupSpaceJobs } from '../group-space/group-space-jobs.js';
import { createInvitationMailer } from '../invitations/invitations-mail.js';
import { createInvitationsRepo } from '../invitations/invitations-repo.js';
import { invitationsRoutes } from '../invitations/invitations-routes.js';
import { createInvitationsService } from '../invitations/invitations-service.js';
import { joinRoutes } from '../invitations/join-routes.js';
import { createJoinLimits, createJoinService, type JoinService } from '../invitations/join-service.js';
import { createOrganisationsRepo } from '../organisations/organisations-repo.js';
import { createSettingsRepo } from '../settings/settings-repo.js';
import { createSettingsService } from '../settings/settings-service.js';
import { createCalendarRepo } from './calendar-repo.js';
import { calendarRoutes } from './calendar-routes.js';
import { createCalendarService } from './calendar-service.js';
import { createDashboardRepo } from './dashboard-repo.js';
import { createDashboardService } from './dashboard-service.js';
import { createMeetingsAccess } from './meetings-access.js';
import { organizerAddress } from './meetings-fns.js';
import {
  defaultMeetingsRetention,
  startMeetingsJobs,
  type MeetingsJobCounts,
  type MeetingsRetentionPolicy,
} from './meetings-jobs.js';
import { createMeetingsRepo } from './meetings-repo.js';
import { meetingsRoutes } from './meetings-routes.js';
import { createMeetingsService } from './meetings-service.js';
import { createMeetingsEntryResolver, type MeetingsEntryResolver } from './room-entry-resolver.js';
import { createOccurrencesRepo } from './occurrences-repo.js';
import { createSchedulesRepo } from './schedules-repo.js';
import { createSeriesService } from './series-service.js';
import { seriesRoutes } from './series-routes.js';

export interface MeetingsDeps {
  db: Database;
  config: Config;
  logger: Logger;
  /** Sessions and CSRF from the accounts feature. */
  auth: AuthHttp;
  /** The clock of every date comparison, reminder and deletion; tests inject one. */
  now?: () => Date;
  retention?: Partial<MeetingsRetentionPolicy>;
  /** How often reminders and retention run (default: every minute). */
  jobIntervalMs?: number;
}

export interface MeetingsModule {
  /** Fastify plugins to pass to buildApp's `features`. */
  routes: FastifyPluginAsync[];
  /** One pass of reminders and retention now (the job also runs on its own). */
  runJobs(): Promise<MeetingsJobCounts>;
  /** Who may enter which live room: the rooms feature's RoomEntryResolver. */
  entryResolver: MeetingsEntryResolver;
  /** The public entry points' service (the phone gateway reports PIN guessing through it). */
  join: JoinService;
  /** One pass of the group space's retention and digests (the job also runs hourly on its own). */
  runGroupJobs(): Promise<{ deleted: number; digests: number }>;
  /** Poll drafts changed over HTTP, for the live rooms. */
  pollDrafts: PollDraftEvents;
  /** Stops the jobs. Idempotent. */
  close(): Promise<void>;
}

/**
 * Wires meetings, series, invitations, join entry points and calendar feeds. Mail goes through the shared
 * outbox table; the accounts feature's worker sends it (on its next poll).
 */
export function startMeetings(deps: MeetingsDeps): MeetingsModule {
  const { db, config, logger, auth } = deps;
  const now = deps.now ?? (() => new Date());
  const pollDrafts = new PollDraftEvents((error) =>
    logger.warn({ err: describeError(error) }, 'showing a poll draft in the live room failed'),
  );
  const baseUrl = config.baseUrl ?? `http://localhost:${config.port}`;
  const policy = { ...defaultMeetingsRetention, ...deps.retention };

  const meetings = createMeetingsRepo(db);
  const users = createUsersRepo(db);
  const schedules = createSchedulesRepo(db);
  const occurrences = createOccurrencesRepo(db);
  const invitations = createInvitationsRepo(db);
  const outbox = createOutboxRepo(db);
  const audit = createAuditService({ repo: createAuditRepo(db), now });
  const settings = createSettingsService({ db, repo: createSettingsRepo(db), audit, logger, now });

  const access = createMeetingsAccess({ db, meetings, schedules, occurrences, now });
  const mailer = createInvitationMailer({
    outbox,
    invitations,
    settings,
    baseUrl,
    organizerEmail: organizerAddress(config.mailFrom),
    retentionDays: policy.invitationDays,
    now,
  });
  const common = { access, mailer, audit, now };
  const meetingsService = createMeetingsService({
    ...common,
    db,
    meetings,
    schedules,
    occurrences,
    invitations,
    users,
    organisations: createOrganisationsRepo(db),
    settings,
  });
  const series = createSeriesService({ ...common, meetings, schedules, occurrences, invitations });
  const dashboard = createDashboardService({
    repo: createDashboardRepo(db),
    access,
    settings,
    baseUrl,
    retentionDays: policy.invitationDays,
    now,
  });
  const invitationsService = createInvitationsService({ ...common, repo: invitations, schedules, settings });
  const join = createJoinService({
    db,
    invitations,
    meetings,
    access,
    outbox,
    audit,
    settings,
    limits: createJoinLimits(() => now().getTime()),
    baseUrl,
    now,
  });
  const groupRepo = createGroupSpaceRepo(db);
  const groups = createGroupSpaceService({ repo: groupRepo, join, access, invitations, settings, now });
  const groupJobs = startGroupSpaceJobs({ db, repo: groupRepo, outbox, settings, baseUrl, now, logger });
  const calendar = createCalendarService({ db, repo: createCalendarRepo(db), access, audit, baseUrl, now });

  const jobs = startMeetingsJobs({
    db,
    meetings,
    occurrences,
    invitations,
    access,
    mailer,
    settings,
    policy,
    now,
    logger,
    ...(deps.jobIntervalMs ? { intervalMs: deps.jobIntervalMs } : {}),
  });

  const children = [
    meetingsRoutes({ http: auth, meetings: meetingsService, dashboard, baseUrl, now }),
    seriesRoutes({ http: auth, meetings: meetingsService, series, dashboard, baseUrl, now }),
    invitationsRoutes({ http: auth, invitations: invitationsService }),
    joinRoutes({ join, baseUrl, now }),
    calendarRoutes({ http: auth, calendar }),
    groupSpaceRoutes({ http: auth, groups, stopDigest: (token) => stopGroupDigest(db, token) }),
    chatExportRoutes({ http: auth, db, access }),
    pollsRoutes({ http: auth, db, access, now, drafts: pollDrafts }),
  ];
  // One encapsulating plugin: the Origin check and the CSV body parser apply to exactly these routes.
  const api: FastifyPluginAsync = (app) => {
    app.addHook('onRequest', auth.originGuard);
    app.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: 256 * 1024 },
      (_request, body, done) => {
        done(null, body);
      },
    );
    for (const addRoutes of children) {
      addRoutes(app);
    }
    return Promise.resolve();
  };

  const entryResolver = createMeetingsEntryResolver({ join, invitations, meetings, access, users, now });
  return {
    routes: [api],
    entryResolver,
    join,
    pollDrafts,
    runJobs: () => jobs.runOnce(),
    runGroupJobs: () => groupJobs.runOnce(),
    close: async () => {
      groupJobs.close();
      await jobs.close();
    },
  };
}
