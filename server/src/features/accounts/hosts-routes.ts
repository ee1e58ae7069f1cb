import { parseInput } from '../../http/validate.js';
import { idParamsSchema } from './accounts-schemas.js';
import type { AuthHttp, RouteRegistrar } from './auth-http.js';
import {
  hostInviteSchema,
  hostListQuerySchema,
  hostListResponseSchema,
  hostResponseSchema,
  hostUpdateSchema,
  type HostResponse,
} from './hosts-schemas.js';
import type { HostsService, HostView } from './hosts-service.js';

export interface HostsRoutesDeps {
  http: AuthHttp;
  hosts: HostsService;
}

function toResponse(host: HostView): HostResponse {
  return {
    id: host.id,
    name: host.name,
    email: host.email,
    role: host.role,
    status: host.status,
    language: host.language,
    totpEnabled: host.totpSecret !== null,
    organisations: host.organisations,
    createdAt: host.createdAt.toISOString(),
    deactivatedAt: host.deactivatedAt?.toISOString() ?? null,
  };
}

/** `/api/admin/hosts`: accounts of hosts and platform admins, for platform admins only. */
export function hostsRoutes(deps: HostsRoutesDeps): RouteRegistrar {
  return (app) => {
    app.get('/api/admin/hosts', async (request) => {
      await deps.http.requireAdmin(request);
      const query = parseInput(hostListQuerySchema, request.query);
      const { items, total } = await deps.hosts.list(query);
      return hostListResponseSchema.parse({ items: items.map(toResponse), total });
    });

    app.post('/api/admin/hosts', async (request, reply) => {
      const actor = await deps.http.requireAdmin(request);
      const body = parseInput(hostInviteSchema, request.body);
      const host = await deps.hosts.invite(actor, body);
      return reply.status(201).send(hostResponseSchema.parse(toResponse(host)));
    });

    app.get('/api/admin/hosts/:id', async (request) => {
      await deps.http.requireAdmin(request);
      const { id } = parseInput(idParamsSchema, request.params);
      return hostResponseSchema.parse(toResponse(await deps.hosts.get(id)));
    });

    app.patch('/api/admin/hosts/:id', async (request) => {
      const actor = await deps.http.requireAdmin(request);
      const { id } = parseInput(idParamsSchema, request.params);
      const body = parseInput(hostUpdateSchema, request.body);
      return hostResponseSchema.parse(toResponse(await deps.hosts.update(actor, id, body)));
    });

    app.post('/api/admin/hosts/:id/deactivate', async (request) => {
      const actor = await deps.http.requireAdmin(request);
      const { id } = parseInput(idParamsSchema, request.params);
      return hostResponseSchema.parse(toResponse(await deps.hosts.deactivate(actor, id)));
    });

    app.post('/api/admin/hosts/:id/reactivate', async (request) => {
      const actor = await deps.http.requireAdmin(request);
      const { id } = parseInput(idParamsSchema, request.params);
      return hostResponseSchema.parse(toResponse(await deps.hosts.reactivate(actor, id)));
    });

    app.post('/api/admin/hosts/:id/reset-totp', async (request) => {
      const actor = await deps.http.requireAdmin(request);
      const { id } = parseInput(idParamsSchema, request.params);
      return hostResponseSchema.parse(toResponse(await deps.hosts.resetSecondFactor(actor, id)));
    });

    app.post('/api/admin/hosts/:id/password-reset', async (request, reply) => {
      const actor = await deps.http.requireAdmin(request);
      const { id } = parseInput(idParamsSchema, request.params);
      await deps.hosts.sendPasswordReset(actor, id);
      return reply.status(202).send();
    });
  };
}
