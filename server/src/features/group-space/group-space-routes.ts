import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../http/errors.js';
import { parseInput } from '../../http/validate.js';
import type { AuthHttp, RouteRegistrar } from '../accounts/auth-http.js';
import {
  digestBodySchema,
  groupMembersResponseSchema,
  groupMessageResponseSchema,
  groupMessageSchema,
  groupPageResponseSchema,
  meetingParamsSchema,
  memberBodySchema,
  memberParamsSchema,
  messageParamsSchema,
  pageQuerySchema,
  stopBodySchema,
  tokenHeaderSchema,
} from './group-space-schemas.js';
import type { GroupSpaceService, GroupViewer } from './group-space-service.js';

/**
 * `/api/group/*` for invitees (personal link in `x-invitation-token`), `/api/meetings/:id/group/*` for hosts
 * (session + CSRF). `request.ip` only keys the link throttle (HMACed there); it is never logged, nor is any text.
 */
export function groupSpaceRoutes(deps: {
  http: AuthHttp;
  groups: GroupSpaceService;
  stopDigest: (token: string) => Promise<boolean>;
}): RouteRegistrar {
  const { groups } = deps;
  const invitee = (request: FastifyRequest) =>
    groups.asInvitee(parseInput(tokenHeaderSchema, request.headers)['x-invitation-token'], request.ip);
  const host = async (request: FastifyRequest) => {
    const actor = await deps.http.requireUser(request);
    return groups.asHost(actor, parseInput(meetingParamsSchema, request.params).meetingId);
  };

  const list = async (viewer: GroupViewer, request: FastifyRequest) =>
    groupPageResponseSchema.parse(
      await groups.list(viewer, parseInput(pageQuerySchema, request.query).before),
    );
  const post = async (viewer: GroupViewer, request: FastifyRequest, reply: FastifyReply) => {
    const { message, created } = await groups.post(viewer, parseInput(groupMessageSchema, request.body));
    reply.status(created ? 201 : 200);
    return groupMessageResponseSchema.parse(message);
  };
  const setDigest = async (viewer: GroupViewer, request: FastifyRequest, reply: FastifyReply) => {
    await groups.setDigest(viewer, parseInput(digestBodySchema, request.body).enabled);
    return reply.status(204).send();
  };

  return (app) => {
    app.get('/api/group/messages', async (request) => list(await invitee(request), request));
    app.post('/api/group/messages', async (request, reply) => post(await invitee(request), request, reply));
    app.put('/api/group/digest', async (request, reply) => setDigest(await invitee(request), request, reply));
    // The link in a digest mail: no login, the token stands for one person's digest only.
    app.post('/api/group/digest/stop', async (request, reply) => {
      const { token } = parseInput(stopBodySchema, request.body);
      if (!(await deps.stopDigest(token))) {
        throw notFound('digest');
      }
      return reply.status(204).send();
    });

    app.get('/api/meetings/:meetingId/group/messages', async (request) => list(await host(request), request));
    app.post('/api/meetings/:meetingId/group/messages', async (request, reply) =>
      post(await host(request), request, reply),
    );
    app.put('/api/meetings/:meetingId/group/digest', async (request, reply) =>
      setDigest(await host(request), request, reply),
    );
    app.delete('/api/meetings/:meetingId/group/messages/:messageId', async (request, reply) => {
      const viewer = await host(request);
      await groups.removeMessage(viewer, parseInput(messageParamsSchema, request.params).messageId);
      return reply.status(204).send();
    });
    app.get('/api/meetings/:meetingId/group/members', async (request) =>
      groupMembersResponseSchema.parse(await groups.members(await host(request))),
    );
    app.put('/api/meetings/:meetingId/group/members/:invitationId', async (request, reply) => {
      const viewer = await host(request);
      const { invitationId } = parseInput(memberParamsSchema, request.params);
      await groups.setPersonRemoved(viewer, invitationId, parseInput(memberBodySchema, request.body).removed);
      return reply.status(204).send();
    });
  };
}
