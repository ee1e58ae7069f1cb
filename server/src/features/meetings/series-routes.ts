import { notFound } from '../../http/errors.js';
import { parseInput } from '../../http/validate.js';
import type { AuthHttp, RouteRegistrar } from '../accounts/auth-http.js';
import type { MeetingAggregate } from './aggregate-fns.js';
import type { DashboardService } from './dashboard-service.js';
import { meetingResponse, meetingSummaryResponse, occurrenceResponse } from './meetings-present.js';
import {
  createSeriesSchema,
  meetingListResponseSchema,
  meetingParamsSchema,
  meetingResponseSchema,
  meetingsQuerySchema,
  moveOccurrenceSchema,
  occurrenceParamsSchema,
  seriesOccurrencesQuerySchema,
  seriesOccurrencesResponseSchema,
  splitSeriesSchema,
} from './meetings-schemas.js';
import type { MeetingsService, MeetingView } from './meetings-service.js';
import type { SeriesService } from './series-service.js';

export interface SeriesRoutesDeps {
  http: Pick<AuthHttp, 'requireUser'>;
  meetings: MeetingsService;
  series: SeriesService;
  dashboard: DashboardService;
  baseUrl: string;
  now: () => Date;
}

/**
 * `/api/series…`: recurring series and their occurrences. A series is a meeting (same id, same
 * `/api/meetings/:id` for details, settings, cancelling and invitations); here are its dates.
 */
export function seriesRoutes(deps: SeriesRoutesDeps): RouteRegistrar {
  const present = (view: MeetingView) =>
    meetingResponseSchema.parse(meetingResponse(view, deps.baseUrl, deps.now()));
  const presentAggregate = async (aggregate: MeetingAggregate) =>
    present(await deps.meetings.view(aggregate));

  return (app) => {
    app.get('/api/series', async (request) => {
      const actor = await deps.http.requireUser(request);
      const query = parseInput(meetingsQuerySchema, request.query);
      const { items, total } = await deps.dashboard.meetings(actor, { ...query, kind: 'series' });
      return meetingListResponseSchema.parse({ items: items.map(meetingSummaryResponse), total });
    });

    app.post('/api/series', async (request, reply) => {
      const actor = await deps.http.requireUser(request);
      const body = parseInput(createSeriesSchema, request.body);
      return reply.status(201).send(present(await deps.meetings.createSeries(actor, body)));
    });

    app.get('/api/series/:id', async (request) => {
      const actor = await deps.http.requireUser(request);
      const { id } = parseInput(meetingParamsSchema, request.params);
      const view = await deps.meetings.get(actor, id);
      if (view.aggregate.meeting.kind !== 'series') {
        throw notFound('series');
      }
      return present(view);
    });

    app.get('/api/series/:id/occurrences', async (request) => {
      const actor = await deps.http.requireUser(request);
      const { id } = parseInput(meetingParamsSchema, request.params);
      const range = parseInput(seriesOccurrencesQuerySchema, request.query);
      const items = await deps.series.occurrences(actor, id, range);
      return seriesOccurrencesResponseSchema.parse({ items: items.map(occurrenceResponse) });
    });

    app.post('/api/series/:id/occurrences/:occurrenceId/cancel', async (request) => {
      const actor = await deps.http.requireUser(request);
      const { id, occurrenceId } = parseInput(occurrenceParamsSchema, request.params);
      return presentAggregate(await deps.series.cancelOccurrence(actor, id, occurrenceId));
    });

    app.post('/api/series/:id/occurrences/:occurrenceId/restore', async (request) => {
      const actor = await deps.http.requireUser(request);
      const { id, occurrenceId } = parseInput(occurrenceParamsSchema, request.params);
      return presentAggregate(await deps.series.restoreOccurrence(actor, id, occurrenceId));
    });

    app.post('/api/series/:id/occurrences/:occurrenceId/move', async (request) => {
      const actor = await deps.http.requireUser(request);
      const { id, occurrenceId } = parseInput(occurrenceParamsSchema, request.params);
      const body = parseInput(moveOccurrenceSchema, request.body);
      return presentAggregate(await deps.series.moveOccurrence(actor, id, occurrenceId, body));
    });

    app.post('/api/series/:id/occurrences/:occurrenceId/this-and-following', async (request) => {
      const actor = await deps.http.requireUser(request);
      const { id, occurrenceId } = parseInput(occurrenceParamsSchema, request.params);
      const body = parseInput(splitSeriesSchema, request.body);
      return presentAggregate(await deps.series.thisAndFollowing(actor, id, occurrenceId, body));
    });
  };
}
