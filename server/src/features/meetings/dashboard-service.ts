import type { z } from 'zod';
import { forbidden, notFound } from '../../http/errors.js';
import type { Actor } from '../accounts/auth-service.js';
import { keptUntil } from '../chat/chat-retention.js';
import { canSeeOrganisation } from '../organisations/organisations-service.js';
import type { SettingsService } from '../settings/settings-service.js';
import { meetingFacts } from './aggregate-fns.js';
import type { DashboardRepo, MeetingScope } from './dashboard-repo.js';
import { formatMeetingId } from './ids-fns.js';
import { invitationText } from './invitation-text-fns.js';
import type { MeetingsAccess } from './meetings-access.js';
import { meetingJoinLink } from './meetings-fns.js';
import type { meetingsQuerySchema, occurrencesQuerySchema } from './meetings-schemas.js';

export interface DashboardServiceDeps {
  repo: DashboardRepo;
  access: Pick<MeetingsAccess, 'forActor'>;
  settings: Pick<SettingsService, 'get'>;
  baseUrl: string;
  retentionDays: number;
  now: () => Date;
}

type PageQuery = Pick<z.infer<typeof occurrencesQuerySchema>, 'scope' | 'organisationId'>;

/** What the host dashboard reads: upcoming and past dates, meetings and series, the invitation text. */
export function createDashboardService(deps: DashboardServiceDeps) {
  /** "mine": host or co-host; "organisation": one (or all) of the user's organisations; "all": admins only. */
  function scopeOf(actor: Actor, query: PageQuery): MeetingScope {
    if (query.scope === 'all') {
      if (actor.role !== 'platform_admin') {
        throw forbidden();
      }
      return { kind: 'all' };
    }
    if (query.scope === 'organisation') {
      if (query.organisationId === undefined) {
        return { kind: 'organisations', ids: actor.organisations.map((o) => o.id) };
      }
      if (!canSeeOrganisation(actor, query.organisationId)) {
        throw notFound('organisation');
      }
      return { kind: 'organisations', ids: [query.organisationId] };
    }
    return { kind: 'mine', userId: actor.userId };
  }

  return {
    /** Past ones carry what the meeting's chat and polls hold and the day they are deleted. */
    async occurrences(actor: Actor, query: z.infer<typeof occurrencesQuerySchema>) {
      const page = await deps.repo.occurrences({
        scope: scopeOf(actor, query),
        when: query.when,
        now: deps.now(),
        limit: query.limit,
        offset: query.offset,
      });
      const { chatRetentionDays } = await deps.settings.get();
      return {
        total: page.total,
        items: page.items.map(({ records, ...item }) => ({
          ...item,
          ...(records && {
            records: {
              chatMessages: records.chatMessages,
              polls: records.polls,
              keptUntil: keptUntil(item.end, records.organisationRetentionDays, chatRetentionDays),
            },
          }),
        })),
      };
    },

    meetings(actor: Actor, query: z.infer<typeof meetingsQuerySchema>) {
      return deps.repo.meetings({
        scope: scopeOf(actor, query),
        kind: query.kind,
        when: query.when,
        status: query.status,
        now: deps.now(),
        limit: query.limit,
        offset: query.offset,
      });
    },

    /** The plain-text invitation to share: public join page, meeting ID, passcode, dial-in; no personal data. */
    async invitationText(actor: Actor, id: string, language: 'de' | 'en' | undefined): Promise<string> {
      const aggregate = await deps.access.forActor(actor, id);
      const { meeting } = aggregate;
      const settings = await deps.settings.get();
      const facts = meetingFacts(aggregate, {
        timeZone: meeting.timeZone,
        pin: '',
        dialInNumbers: settings.dialInNumbers,
        retentionDays: deps.retentionDays,
        now: deps.now(),
      });
      return invitationText(
        {
          facts,
          joinUrl: meetingJoinLink(deps.baseUrl, meeting.number),
          meetingId: formatMeetingId(meeting.number),
          passcode: meeting.passcode,
          privacyUrl: `${deps.baseUrl}/privacy`,
        },
        language ?? actor.language,
      );
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
