import { z } from 'zod';
import { notFound } from '../../http/errors.js';
import type { AuthHttp, RouteRegistrar } from '../accounts/auth-http.js';
import type { CalendarService } from './calendar-service.js';

export interface CalendarRoutesDeps {
  http: Pick<AuthHttp, 'requireUser'>;
  calendar: CalendarService;
}

const feedParamsSchema = z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/) });
const statusSchema = z.object({ active: z.boolean(), createdAt: z.iso.datetime().nullable() });
const rotatedSchema = z.object({ url: z.string(), createdAt: z.iso.datetime() });

/** `/api/calendar/…`: the logged-in user's feed settings, and the feed itself for calendar apps. */
export function calendarRoutes(deps: CalendarRoutesDeps): RouteRegistrar {
  return (app) => {
    app.get('/api/calendar/feed', async (request) => {
      const actor = await deps.http.requireUser(request);
      const feed = await deps.calendar.status(actor);
      return statusSchema.parse({
        active: feed !== undefined,
        createdAt: feed?.createdAt.toISOString() ?? null,
      });
    });

    app.post('/api/calendar/feed', async (request, reply) => {
      const actor = await deps.http.requireUser(request);
      const { url, createdAt } = await deps.calendar.rotate(actor);
      return reply.status(201).send(rotatedSchema.parse({ url, createdAt: createdAt.toISOString() }));
    });

    app.delete('/api/calendar/feed', async (request, reply) => {
      const actor = await deps.http.requireUser(request);
      await deps.calendar.remove(actor);
      return reply.status(204).send();
    });

    // Calendar apps send no cookie: the unguessable token in the path is the credential.
    app.get('/api/calendar/:file', async (request, reply) => {
      const params = feedParamsSchema.safeParse(request.params);
      if (!params.success) {
        throw notFound('calendar_feed');
      }
      const text = await deps.calendar.feed(params.data.file.slice(0, -'.ics'.length), request.ip);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('referrer-policy', 'no-referrer')
        .send(text);
    });
  };
}
