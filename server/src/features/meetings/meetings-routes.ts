import { parseInput } from '../../http/validate.js';
import type { AuthHttp, RouteRegistrar } from '../accounts/auth-http.js';
import type { DashboardService } from './dashboard-service.js';
import { dashboardOccurrenceResponse, meetingResponse, meetingSummaryResponse } from './meetings-present.js';
import {
  createMeetingSchema,
  dashboardOccurrencesResponseSchema,
  invitationTextQuerySchema,
  meetingListResponseSchema,
  meetingParamsSchema,
  meetingResponseSchema,
  meetingsQuerySchema,
  occurrencesQuerySchema,
  updateMeetingSchema,
} from './meetings-schemas.js';
import type { MeetingsService, MeetingView } from './meetings-service.js';

export interface MeetingsRoutesDeps {
  http: Pick<AuthHttp, 'requireUser'>;
  meetings: MeetingsService;
  dashboard: DashboardService;
  baseUrl: string;
  now: () => Date;
}

/** `/api/meetings…`: single meetings, every meeting's details and settings, and the host dashboard. */
export function meetingsRoutes(deps: MeetingsRoutesDeps): RouteRegistrar {
  const present = (view: MeetingView) =>
    meetingResponseSchema.parse(meetingResponse(view, deps.baseUrl, deps.now()));

  return (app) => {
    app.get('/api/meetings', async (request) => {
      const actor = await deps.http.requireUser(request);
      const query = parseInput(meetingsQuerySchema, request.query);
      const { items, total } = await deps.dashboard.meetings(actor, query);
      return meetingListResponseSchema.parse({ items: items.map(meetingSummaryResponse), total });
    });

    app.get('/api/meetings/occurrences', async (request) => {
      const actor = await deps.http.requireUser(request);
      const query = parseInput(occurrencesQuerySchema, request.query);
      const { items, total } = await deps.dashboard.occurrences(actor, query);
      return dashboardOccurrencesResponseSchema.parse({
        items: items.map(dashboardOccurrenceResponse),
        total,
      });
    });

    app.post('/api/meetings', async (request, reply) => {
      const actor = await deps.http.requireUser(request);
      const body = parseInput(createMeetingSchema, request.body);
      return reply.status(201).send(present(await deps.meetings.createSingle(actor, body)));
    });

    app.get('/api/meetings/:id', async (request) => {
      const actor = await deps.http.requireUser(request);
      const { id } = parseInput(meetingParamsSchema, request.params);
      return present(await deps.meetings.get(actor, id));
    });

    app.patch('/api/meetings/:id', async (request) => {
      const actor = await deps.http.requireUser(request);
      const { id } = parseInput(meetingParamsSchema, request.params);
      const body = parseInput(updateMeetingSchema, request.body);
      return present(await deps.meetings.update(actor, id, body));
    });

    app.post('/api/meetings/:id/cancel', async (request) => {
      const actor = await deps.http.requireUser(request);
      const { id } = parseInput(meetingParamsSchema, request.params);
      return present(await deps.meetings.cancel(actor, id));
    });

    app.get('/api/meetings/:id/invitation-text', async (request, reply) => {
      const actor = await deps.http.requireUser(request);
      const { id } = parseInput(meetingParamsSchema, request.params);
      const { language } = parseInput(invitationTextQuerySchema, request.query);
      const text = await deps.dashboard.invitationText(actor, id, language);
      return reply.type('text/plain; charset=utf-8').send(text);
    });
  };
}
