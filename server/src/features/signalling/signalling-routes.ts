import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { describeError } from '../../lib/logger.js';
import { isSameOrigin } from '../../http/origin.js';
import { serveConnection, type ConnectionLimits } from './signalling-connection.js';
import type { HandlerTable, SessionUser } from './signalling-types.js';

export interface SignallingDeps {
  handlers: HandlerTable;
  baseUrl: string | undefined;
  limits?: ConnectionLimits;
  /**
   * Resolves the upgrade request's session cookie to a user, once per connection (a host's credential needs
   * it). Resolves undefined without a valid session. Absent: no connection has a session user.
   */
  authenticate?: (request: FastifyRequest) => Promise<SessionUser | undefined>;
}

/** `GET /api/signal`: the browser's one WebSocket. The upgrade is refused unless the Origin is our own. */
export function signallingRoutes(deps: SignallingDeps): FastifyPluginAsync {
  const limits = deps.limits ?? { burst: 40, perSecond: 20 };
  const sessionUsers = new WeakMap<FastifyRequest, SessionUser>();
  return async (app) => {
    app.get(
      '/api/signal',
      {
        websocket: true,
        preValidation: async (request, reply) => {
          if (!isSameOrigin(request.headers.origin, request.headers.host, deps.baseUrl)) {
            return reply.status(403).send({
              error: 'forbidden_origin',
              message: 'This connection is not allowed from another site.',
              requestId: request.id,
            });
          }
          const user = await deps.authenticate?.(request).catch((error: unknown) => {
            // A failing session store must not block anonymous participants: this connection has no user.
            request.log.warn({ err: describeError(error) }, 'signalling session lookup failed');
            return undefined;
          });
          if (user) {
            sessionUsers.set(request, user);
          }
          return undefined;
        },
      },
      (socket, request) => {
        // request.ip is only a throttling key for the entry resolver (HMACed there); it is never logged.
        const sessionUser = sessionUsers.get(request);
        serveConnection(socket, deps.handlers, limits, request.log, {
          sessionUser,
          source: request.ip,
          // Re-reads the upgrade's cookie: the same session, still valid, still the same user.
          sessionStillValid: async () => (await deps.authenticate?.(request))?.userId === sessionUser?.userId,
        });
      },
    );
  };
}
