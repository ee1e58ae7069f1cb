import type { FastifyPluginAsync } from 'fastify';
import { isSameOrigin } from '../../http/origin.js';
import { serveConnection, type ConnectionLimits } from './signalling-connection.js';
import type { HandlerTable } from './signalling-types.js';

export interface SignallingDeps {
  handlers: HandlerTable;
  baseUrl: string | undefined;
  limits?: ConnectionLimits;
}

/** `GET /api/signal`: the browser's one WebSocket. The upgrade is refused unless the Origin is our own. */
export function signallingRoutes(deps: SignallingDeps): FastifyPluginAsync {
  const limits = deps.limits ?? { burst: 40, perSecond: 20 };
  return async (app) => {
    app.get(
      '/api/signal',
      {
        websocket: true,
        preValidation: (request, reply, done) => {
          if (isSameOrigin(request.headers.origin, request.headers.host, deps.baseUrl)) {
            done();
            return;
          }
          void reply.status(403).send({
            error: 'forbidden_origin',
            message: 'This connection is not allowed from another site.',
            requestId: request.id,
          });
        },
      },
      (socket, request) => serveConnection(socket, deps.handlers, limits, request.log),
    );
  };
}
