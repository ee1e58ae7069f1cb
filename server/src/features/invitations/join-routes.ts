import { z } from 'zod';
import { parseInput } from '../../http/validate.js';
import type { RouteRegistrar } from '../accounts/auth-http.js';
import { languageSchema, tokenSchema } from '../accounts/accounts-schemas.js';
import { normalizeMeetingId } from '../meetings/ids-fns.js';
import { occurrenceResponseSchema } from '../meetings/meetings-schemas.js';
import type { OccurrenceRecord } from '../meetings/occurrences-repo.js';
import { tokenInputSchema } from './invitations-schemas.js';
import type { JoinService, JoinView } from './join-service.js';

export interface JoinRoutesDeps {
  join: JoinService;
  baseUrl: string;
  now: () => Date;
}

const joinMeetingSchema = z.object({
  meetingId: z
    .string()
    .max(40)
    .transform((value) => normalizeMeetingId(value))
    .refine((value): value is string => value !== null, 'expected a meeting ID of at least 10 digits'),
  passcode: z.string().max(64).optional(),
});
const tokenHeaderSchema = z.object({ 'x-invitation-token': tokenSchema });

const joinResponseSchema = z.object({
  via: z.enum(['invitation', 'meeting_id']),
  meeting: z.object({
    id: z.string(),
    kind: z.enum(['single', 'series']),
    title: z.string(),
    description: z.string(),
    organisation: z.string(),
    hostName: z.string().nullable(),
    timeZone: z.string(),
    e2ee: z.boolean(),
    waitingRoom: z.boolean(),
  }),
  /** The date happening now or next; null when none is left. */
  occurrence: occurrenceResponseSchema.nullable(),
  upcoming: z.array(occurrenceResponseSchema).max(5),
  invitee: z.object({ name: z.string(), language: languageSchema, timeZone: z.string() }).nullable(),
  /** Always false here: a personal link needs none, and a meeting-ID answer comes only after the passcode. */
  passcodeRequired: z.literal(false),
  privacyUrl: z.string(),
});

const occurrence = (o: OccurrenceRecord) => ({
  id: o.id,
  occurrenceKey: o.occurrenceKey,
  start: o.start.toISOString(),
  end: o.end.toISOString(),
  status: o.status,
});

/**
 * `/api/join/…`: what the join page of a personal link (`/j/<token>`) or of meeting ID + passcode shows. The
 * token travels in a header or the body, never in a query string.
 */
export function joinRoutes(deps: JoinRoutesDeps): RouteRegistrar {
  const present = (view: JoinView) => {
    const { meeting } = view.aggregate;
    const next = deps.join.nextOccurrence(view.aggregate);
    const upcoming = view.aggregate.occurrences.filter((o) => o.end > deps.now() && o.status !== 'cancelled');
    return joinResponseSchema.parse({
      via: view.via,
      meeting: {
        id: meeting.id,
        kind: meeting.kind,
        title: meeting.title,
        description: meeting.description,
        organisation: meeting.organisation.name,
        hostName: meeting.host?.name ?? null,
        timeZone: meeting.timeZone,
        e2ee: meeting.settings.e2ee,
        waitingRoom: meeting.settings.waitingRoom,
      },
      occurrence: next ? occurrence(next) : null,
      upcoming: upcoming.slice(0, 5).map(occurrence),
      invitee: view.invitee,
      passcodeRequired: false,
      privacyUrl: `${deps.baseUrl}/privacy`,
    });
  };

  return (app) => {
    app.get('/api/join/invitation', async (request) => {
      const { 'x-invitation-token': token } = parseInput(tokenHeaderSchema, request.headers);
      return present(await deps.join.byInvitation(token, request.ip));
    });

    app.post('/api/join/invitation', async (request) => {
      const { token } = parseInput(tokenInputSchema, request.body);
      return present(await deps.join.byInvitation(token, request.ip));
    });

    app.post('/api/join/invitation/decline', async (request, reply) => {
      const { token } = parseInput(tokenInputSchema, request.body);
      await deps.join.decline(token, request.ip);
      return reply.status(204).send();
    });

    app.post('/api/join/meeting', async (request) => {
      const body = parseInput(joinMeetingSchema, request.body);
      return present(await deps.join.byMeetingId(body.meetingId, body.passcode, request.ip));
    });
  };
}
