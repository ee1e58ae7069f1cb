import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config/config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrate } from './db/migrate.js';
import { startAccounts } from './features/accounts/accounts-wiring.js';
import { echoHandlers } from './features/echo/echo-handlers.js';
import { healthRoutes } from './features/health/health-routes.js';
import { startMeetings } from './features/meetings/meetings-wiring.js';
import { createDialInRooms } from './features/dial-in/dial-in-rooms.js';
import { startRooms } from './features/rooms/rooms-wiring.js';
import { pingHandlers } from './features/signalling/ping-handlers.js';
import { signallingRoutes } from './features/signalling/signalling-routes.js';
import { buildApp } from './http/app.js';
import type { Logger } from './lib/logger.js';
import { startMediaPlane, type MediaPlane } from './media/media-plane.js';
import { startTelephony } from './telephony/telephony.js';

const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  database: DatabaseHandle;
  mediaPlane: MediaPlane;
  /** Set only on the very first start in embedded mode: the seeded platform admin's login, to print once. */
  firstAdmin: { email: string; password: string } | undefined;
  /** Stops accepting connections, closes sockets, Janus and the database. Idempotent. */
  close(): Promise<void>;
}

/** The composition root: config → database → media plane → features → HTTP. */
export async function startServer(
  config: Config,
  logger: Logger,
  options: { webRoot?: string } = {},
): Promise<RunningServer> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { applied } = await migrate(database.db);
  if (applied.length > 0) {
    logger.info({ applied }, 'database migrated');
  }
  const mediaPlane = await startMediaPlane(config.janus, { dataDir: config.dataDir, logger });
  const accounts = await startAccounts({ db: database.db, config, logger });
  const meetings = startMeetings({ db: database.db, config, logger, auth: accounts.auth });
  const rooms = startRooms({
    db: database.db,
    resolver: meetings.entryResolver,
    mediaPlane,
    logger,
    pollDrafts: meetings.pollDrafts,
  });
  const telephony =
    config.sip &&
    (await startTelephony(config.sip, {
      rooms: createDialInRooms({
        resolver: meetings.entryResolver,
        join: meetings.join,
        registry: rooms.registry,
        logger,
      }),
      logger,
      janusRtpPortRange: config.janus.mode === 'embedded' ? config.janus.rtpPortRange : undefined,
    }));

  const app = await buildApp({
    logger,
    trustProxy: config.trustProxy,
    secureCookies: config.cookieSecure,
    webRoot: options.webRoot ?? defaultWebRoot,
    features: [
      healthRoutes({
        pingDatabase: () => database.ping(),
        databaseKind: database.kind,
        mediaNodes: () => mediaPlane.nodes(),
        sipRegistration: () => telephony?.registrationState?.status,
      }),
      signallingRoutes({
        baseUrl: config.baseUrl,
        handlers: {
          ...pingHandlers(),
          ...echoHandlers({ mediaPlane, logger }),
          ...rooms.handlers,
        },
        authenticate: async (request) => {
          const actor = await accounts.auth.optionalUser(request);
          return actor && { userId: actor.userId, displayName: actor.name };
        },
      }),
      ...accounts.routes,
      ...meetings.routes,
    ],
  });

  const address = await app.listen({ port: config.port, host: config.host });
  const url = config.baseUrl ?? address.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      // Meetings end with "server_shutdown" (clients then reconnect to the next process) before sockets close.
      await telephony?.close();
      await rooms.close();
      await app.close();
      await meetings.close();
      await accounts.close();
      await mediaPlane.close();
      await database.close();
    })();
    return closing;
  };
  return { app, url, database, mediaPlane, firstAdmin: accounts.firstAdmin, close };
}
