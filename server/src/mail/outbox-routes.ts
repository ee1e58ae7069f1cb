import { z } from 'zod';
import { AppError, notFound } from '../http/errors.js';
import { parseInput } from '../http/validate.js';
import { idParamsSchema, listQuerySchema } from '../features/accounts/accounts-schemas.js';
import type { AuthHttp, RouteRegistrar } from '../features/accounts/auth-http.js';
import type { OutboxRecord, OutboxRepo } from './outbox-repo.js';

export interface OutboxRoutesDeps {
  http: AuthHttp;
  repo: Pick<OutboxRepo, 'list' | 'findById'>;
  /** Without SMTP the outbox is the development mailbox and admins may read bodies. */
  smtpConfigured: boolean;
}

const outboxQuerySchema = listQuerySchema.extend({
  status: z.enum(['pending', 'sending', 'sent', 'failed']).optional(),
});

const outboxItemSchema = z.object({
  id: z.string(),
  recipient: z.string(),
  template: z.string(),
  language: z.enum(['de', 'en']),
  subject: z.string(),
  status: z.enum(['pending', 'sending', 'sent', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
const outboxListSchema = z.object({ items: z.array(outboxItemSchema), total: z.number() });
const outboxMessageSchema = outboxItemSchema.extend({
  text: z.string().nullable(),
  html: z.string().nullable(),
});

function toItem(mail: OutboxRecord) {
  return {
    ...mail,
    createdAt: mail.createdAt.toISOString(),
    finishedAt: mail.finishedAt?.toISOString() ?? null,
  };
}

/**
 * `/api/admin/outbox`: the state of outgoing mail for platform admins. Reading a message's body (the
 * "development mailbox") is possible only without SMTP: with real delivery, bodies hold other people's
 * one-time links and are cleared once sent.
 */
export function outboxRoutes(deps: OutboxRoutesDeps): RouteRegistrar {
  return (app) => {
    app.get('/api/admin/outbox', async (request) => {
      await deps.http.requireAdmin(request);
      const query = parseInput(outboxQuerySchema, request.query);
      const { items, total } = await deps.repo.list(query);
      return outboxListSchema.parse({ items: items.map(toItem), total });
    });

    app.get('/api/admin/outbox/:id', async (request) => {
      await deps.http.requireAdmin(request);
      const { id } = parseInput(idParamsSchema, request.params);
      if (deps.smtpConfigured) {
        throw new AppError(
          'mailbox_unavailable',
          409,
          'Messages can only be read here when no mail server is configured.',
        );
      }
      const mail = await deps.repo.findById(id);
      if (!mail) {
        throw notFound('mail');
      }
      return outboxMessageSchema.parse({ ...toItem(mail), text: mail.textBody, html: mail.htmlBody });
    });
  };
}
