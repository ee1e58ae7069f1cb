import { parseInput } from '../../http/validate.js';
import type { AuthHttp, RouteRegistrar } from '../accounts/auth-http.js';
import { meetingParamsSchema } from '../meetings/meetings-schemas.js';
import { invitationState } from './invitations-fns.js';
import type { InvitationRecord } from './invitations-repo.js';
import {
  importBodySchema,
  importPreviewResponseSchema,
  importQuerySchema,
  importTextSchema,
  invitationListResponseSchema,
  invitationParamsSchema,
  invitationResponseSchema,
  inviteBodySchema,
  inviteResponseSchema,
} from './invitations-schemas.js';
import type { InvitationsService } from './invitations-service.js';

export interface InvitationsRoutesDeps {
  http: Pick<AuthHttp, 'requireUser'>;
  invitations: InvitationsService;
}

/** The PIN is a secret: it goes out in the invitee's mail only, never in an API answer. */
export function toInvitationResponse(invitation: InvitationRecord) {
  return {
    id: invitation.id,
    email: invitation.email,
    name: invitation.name,
    language: invitation.language,
    timeZone: invitation.timeZone,
    state: invitationState(invitation.status, invitation.mailStatus, invitation.delivery),
    createdAt: invitation.createdAt.toISOString(),
    updatedAt: invitation.updatedAt.toISOString(),
    endedAt: invitation.endedAt?.toISOString() ?? null,
  };
}

/** Personal invitations of a meeting: `/api/meetings/:id/invitations…` and `/api/invitations/:id/…`. */
export function invitationsRoutes(deps: InvitationsRoutesDeps): RouteRegistrar {
  return (app) => {
    app.get('/api/meetings/:id/invitations', async (request) => {
      const actor = await deps.http.requireUser(request);
      const { id } = parseInput(meetingParamsSchema, request.params);
      const items = await deps.invitations.list(actor, id);
      return invitationListResponseSchema.parse({ items: items.map(toInvitationResponse) });
    });

    app.post('/api/meetings/:id/invitations', async (request, reply) => {
      const actor = await deps.http.requireUser(request);
      const { id } = parseInput(meetingParamsSchema, request.params);
      const body = parseInput(inviteBodySchema, request.body);
      const result = await deps.invitations.invite(actor, id, body.invitees, body);
      return reply.status(201).send(
        inviteResponseSchema.parse({
          invited: result.invited.map(toInvitationResponse),
          alreadyInvited: result.alreadyInvited,
          rejected: [],
          duplicates: 0,
        }),
      );
    });

    // JSON `{ text, language?, timeZone?, dryRun? }`, or the CSV itself as `text/csv` / `text/plain` with the
    // options in the query.
    app.post('/api/meetings/:id/invitations/import', async (request, reply) => {
      const actor = await deps.http.requireUser(request);
      const { id } = parseInput(meetingParamsSchema, request.params);
      const options =
        typeof request.body === 'string'
          ? {
              ...parseInput(importQuerySchema, request.query),
              text: parseInput(importTextSchema, request.body),
            }
          : parseInput(importBodySchema, request.body);
      const result = await deps.invitations.import(actor, id, options.text, options);
      if (options.dryRun) {
        return importPreviewResponseSchema.parse(result);
      }
      return reply.status(201).send(
        inviteResponseSchema.parse({
          invited: (result.invited ?? []).map(toInvitationResponse),
          alreadyInvited: result.alreadyInvited ?? [],
          rejected: result.rejected,
          duplicates: result.duplicates,
        }),
      );
    });

    app.post('/api/invitations/:id/resend', async (request) => {
      const actor = await deps.http.requireUser(request);
      const { id } = parseInput(invitationParamsSchema, request.params);
      return invitationResponseSchema.parse(toInvitationResponse(await deps.invitations.resend(actor, id)));
    });

    app.post('/api/invitations/:id/revoke', async (request) => {
      const actor = await deps.http.requireUser(request);
      const { id } = parseInput(invitationParamsSchema, request.params);
      return invitationResponseSchema.parse(toInvitationResponse(await deps.invitations.revoke(actor, id)));
    });
  };
}
