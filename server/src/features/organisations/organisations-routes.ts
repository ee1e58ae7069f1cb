import { parseInput } from '../../http/validate.js';
import { idParamsSchema } from '../accounts/accounts-schemas.js';
import type { AuthHttp, RouteRegistrar } from '../accounts/auth-http.js';
import type { OrganisationRecord } from './organisations-repo.js';
import {
  organisationAdminListResponseSchema,
  organisationAdminResponseSchema,
  organisationCreateSchema,
  organisationHostResponseSchema,
  organisationHostsResponseSchema,
  organisationListQuerySchema,
  organisationUpdateSchema,
} from './organisations-schemas.js';
import type { OrganisationsService } from './organisations-service.js';

export interface OrganisationsRoutesDeps {
  http: AuthHttp;
  organisations: OrganisationsService;
}

function toAdminResponse(organisation: OrganisationRecord) {
  return organisationAdminResponseSchema.parse({
    ...organisation,
    createdAt: organisation.createdAt.toISOString(),
    updatedAt: organisation.updatedAt.toISOString(),
  });
}

/**
 * `/api/admin/organisations` for platform admins; `/api/organisations` for hosts, who see only their own
 * (another organisation answers 404, exactly like one that does not exist).
 */
export function organisationsRoutes(deps: OrganisationsRoutesDeps): RouteRegistrar {
  return (app) => {
    app.get('/api/admin/organisations', async (request) => {
      await deps.http.requireAdmin(request);
      const query = parseInput(organisationListQuerySchema, request.query);
      const { items, total } = await deps.organisations.list(query);
      return organisationAdminListResponseSchema.parse({ items: items.map(toAdminResponse), total });
    });

    app.post('/api/admin/organisations', async (request, reply) => {
      const actor = await deps.http.requireAdmin(request);
      const body = parseInput(organisationCreateSchema, request.body);
      return reply.status(201).send(toAdminResponse(await deps.organisations.create(actor, body)));
    });

    app.get('/api/admin/organisations/:id', async (request) => {
      await deps.http.requireAdmin(request);
      const { id } = parseInput(idParamsSchema, request.params);
      return toAdminResponse(await deps.organisations.getForAdmin(id));
    });

    app.patch('/api/admin/organisations/:id', async (request) => {
      const actor = await deps.http.requireAdmin(request);
      const { id } = parseInput(idParamsSchema, request.params);
      const body = parseInput(organisationUpdateSchema, request.body);
      return toAdminResponse(await deps.organisations.update(actor, id, body));
    });

    app.post('/api/admin/organisations/:id/deactivate', async (request) => {
      const actor = await deps.http.requireAdmin(request);
      const { id } = parseInput(idParamsSchema, request.params);
      return toAdminResponse(await deps.organisations.deactivate(actor, id));
    });

    app.post('/api/admin/organisations/:id/reactivate', async (request) => {
      const actor = await deps.http.requireAdmin(request);
      const { id } = parseInput(idParamsSchema, request.params);
      return toAdminResponse(await deps.organisations.reactivate(actor, id));
    });

    app.get('/api/organisations', async (request) => {
      const actor = await deps.http.requireUser(request);
      return {
        items: actor.organisations.map((organisation) => ({ id: organisation.id, name: organisation.name })),
      };
    });

    app.get('/api/organisations/:id', async (request) => {
      const actor = await deps.http.requireUser(request);
      const { id } = parseInput(idParamsSchema, request.params);
      return organisationHostResponseSchema.parse(await deps.organisations.getForMember(actor, id));
    });

    app.get('/api/organisations/:id/hosts', async (request) => {
      const actor = await deps.http.requireUser(request);
      const { id } = parseInput(idParamsSchema, request.params);
      return organisationHostsResponseSchema.parse({ items: await deps.organisations.hostsOf(actor, id) });
    });
  };
}
