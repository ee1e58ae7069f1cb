import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { describeError } from '../../lib/logger.js';
import { isSameOrigin } from '../../http/origin.js';
import { serveConnection, type ConnectionLimits } from './signalling-connection.js';
import type { HandlerTable, SessionUser, SignallingContext } from './signalling-types.js';

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

/**
 * Hands every handler a context that also carries the session user. One derived context per connection
 * (prototype-linked, so `state`, `send` and `onClose` stay the connection's own), so features may rely on the
 * context's identity.
 */
function withSessionUser(handlers: HandlerTable, sessionUser: SessionUser): HandlerTable {
  const derived = new WeakMap<SignallingContext, SignallingContext>();
  const extend = (context: SignallingContext): SignallingContext => {
    let extended = derived.get(context);
    if (!extended) {
      extended = Object.create(context, { sessionUser: { value: sessionUser } }) as SignallingContext;
      derived.set(context, extended);
    }
    return extended;
  };
  // Each handler keeps its own message type; the table's mapped type cannot express that through entries.
  type AnyHandler = (context: SignallingContext, message: never) => void | Promise<void>;
  const wrapped = Object.entries(handlers as Record<string, AnyHandler>).map(([type, handler]) => [
    type,
    (context: SignallingContext, message: never) => handler(extend(context), message),
  ]);
  return Object.fromEntries(wrapped) as HandlerTable;
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
        const user = sessionUsers.get(request);
        const handlers = user ? withSessionUser(deps.handlers, user) : deps.handlers;
        serveConnection(socket, handlers, limits, request.log);
      },
    );
  };
}
