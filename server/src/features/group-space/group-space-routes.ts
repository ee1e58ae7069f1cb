import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../http/errors.js';
import { parseInput } from '../../http/validate.js';
import { tokenSchema } from '../accounts/accounts-schemas.js';
import type { AuthHttp, RouteRegistrar } from '../accounts/auth-http.js';
import type { GroupSpaceService, GroupViewer } from './group-space-service.js';

export const MAX_GROUP_MESSAGE_LENGTH = 2000;

/** Plain text as typed: line breaks normalised, other control characters refused, never empty. */
export const groupMessageSchema = z.object({
  clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8–64 letters, digits, - or _'),
  text: z
    .string()
    .transform((text) => text.replace(/\r\n?/g, '\n'))
    .refine((text) => text.trim() !== '', 'the message is empty')
    .refine(
      (text) => text.length <= MAX_GROUP_MESSAGE_LENGTH,
      `at most ${MAX_GROUP_MESSAGE_LENGTH} characters`,
    )
    .refine((text) => !/[^\P{Cc}\n\t]/u.test(text), 'no control characters'),
});
const pageQuerySchema = z.object({ before: z.coerce.number().int().min(1).optional() });
const tokenHeaderSchema = z.object({ 'x-invitation-token': tokenSchema });
const meetingParamsSchema = z.object({ meetingId: z.uuid() });
const messageParamsSchema = meetingParamsSchema.extend({ messageId: z.uuid() });
const memberParamsSchema = meetingParamsSchema.extend({ invitationId: z.uuid() });
const memberBodySchema = z.object({ removed: z.boolean() });
const digestBodySchema = z.object({ enabled: z.boolean() });
const stopBodySchema = z.object({ token: tokenSchema });

/**
 * `/api/group/*` for invitees (personal link in `x-invitation-token`), `/api/meetings/:id/group/*` for hosts.
 * `request.ip` only keys the link throttle (HMACed there); it is never logged.
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

  return (app) => {
    const list = async (viewer: GroupViewer, request: FastifyRequest) =>
      groups.list(viewer, parseInput(pageQuerySchema, request.query).before);
    const post = async (
      viewer: GroupViewer,
      request: FastifyRequest,
      reply: { status(code: number): unknown },
    ) => {
      const { message, created } = await groups.post(viewer, parseInput(groupMessageSchema, request.body));
      reply.status(created ? 201 : 200);
      return message;
    };

    app.get('/api/group/messages', async (request) => list(await invitee(request), request));
    app.put('/api/group/digest', async (request, reply) => {
      const viewer = await invitee(request);
      await groups.setDigest(viewer, parseInput(digestBodySchema, request.body).enabled);
      return reply.status(204).send();
    });
    // The link in a digest mail: no login, the token stands for the invitee's digest only.
    app.post('/api/group/digest/stop', async (request, reply) => {
      const { token } = parseInput(stopBodySchema, request.body);
      if (!(await deps.stopDigest(token))) {
        throw notFound('digest');
      }
      return reply.status(204).send();
    });
    app.post('/api/group/messages', async (request, reply) => post(await invitee(request), request, reply));

    app.get('/api/meetings/:meetingId/group/messages', async (request) => list(await host(request), request));
    app.post('/api/meetings/:meetingId/group/messages', async (request, reply) =>
      post(await host(request), request, reply),
    );
    app.delete('/api/meetings/:meetingId/group/messages/:messageId', async (request, reply) => {
      const viewer = await host(request);
      await groups.removeMessage(viewer, parseInput(messageParamsSchema, request.params).messageId);
      return reply.status(204).send();
    });
    app.put('/api/meetings/:meetingId/group/members/:invitationId', async (request, reply) => {
      const viewer = await host(request);
      const { invitationId } = parseInput(memberParamsSchema, request.params);
      await groups.setPersonRemoved(viewer, invitationId, parseInput(memberBodySchema, request.body).removed);
      return reply.status(204).send();
    });
  };
}
