import { randomUUID } from 'node:crypto';
import {
  clientMessage,
  signallingErrorCodes,
  type ServerMessage,
  type SignallingErrorCode,
} from '@treffpunkt/protocol';
import type { WebSocket } from '@fastify/websocket';
import { describeError, type Logger } from '../../lib/logger.js';
import { TokenBucket } from '../../lib/token-bucket.js';
import { AppError } from '../../http/errors.js';
import type { HandlerTable, MessageHandler, SessionUser, SignallingContext } from './signalling-types.js';

export interface ConnectionLimits {
  /** Messages allowed in a burst. */
  burst: number;
  /** Sustained messages per second. */
  perSecond: number;
  /** Ping interval; a connection that misses a pong is closed. Default HEARTBEAT_INTERVAL_MS. */
  heartbeatIntervalMs?: number;
}

/** Close code when the session of a logged-in connection ended (4000–4999: application codes). */
export const SESSION_ENDED_CLOSE_CODE = 4401;

/** A connection that misses one heartbeat interval's pong is treated as gone (detected within 2 intervals). */
export const HEARTBEAT_INTERVAL_MS = 15_000;

const knownTypes = new Set<string>(clientMessage.options.map((option) => option.shape.type.value));

/** Maps an error thrown by a handler to a signalling error code and a message for people. */
function toSignallingError(error: unknown): { code: SignallingErrorCode; message: string } {
  if (error instanceof AppError) {
    if ((signallingErrorCodes as readonly string[]).includes(error.code)) {
      return { code: error.code as SignallingErrorCode, message: error.message };
    }
    const code =
      error.status === 403
        ? 'forbidden'
        : error.status === 404
          ? 'not_found'
          : error.status === 429
            ? 'rate_limited'
            : 'invalid_message';
    return { code, message: error.message };
  }
  const name = error instanceof Error ? error.name : '';
  if (name === 'MediaUnavailableError') {
    return {
      code: 'media_unavailable',
      message: 'The media server is not reachable right now. Please try again shortly.',
    };
  }
  if (name === 'JanusError' || name === 'JanusClosedError' || name === 'JanusTimeoutError') {
    return { code: 'media_failed', message: 'The media server could not set up the connection.' };
  }
  return { code: 'internal_error', message: 'Something went wrong on our side.' };
}

/**
 * One browser's signalling WebSocket: validates every message, rate-limits, dispatches to feature handlers
 * and releases everything the handlers registered when the socket closes.
 */
export function serveConnection(
  socket: WebSocket,
  handlers: HandlerTable,
  limits: ConnectionLimits,
  logger: Logger,
  facts: {
    sessionUser?: SessionUser | undefined;
    source?: string | undefined;
    /** Whether the session user's session still holds (checked at each heartbeat). */
    sessionStillValid?: () => Promise<boolean>;
  } = {},
): void {
  const connectionId = randomUUID();
  const log = logger.child({ connectionId });
  const releases = new Set<() => void | Promise<void>>();
  const bucket = new TokenBucket(limits.burst, limits.perSecond);
  let closed = false;

  const context: SignallingContext = {
    connectionId,
    log,
    state: new Map(),
    sessionUser: facts.sessionUser,
    source: facts.source,
    send(message: ServerMessage) {
      if (!closed && socket.readyState === socket.OPEN) {
        socket.send(JSON.stringify(message));
      }
    },
    onClose(release) {
      releases.add(release);
      return () => releases.delete(release);
    },
  };

  const sendError = (code: SignallingErrorCode, message: string, id?: string) =>
    context.send({ type: 'error', error: code, message, ...(id ? { id } : {}) });

  const handle = async (text: string) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      sendError('invalid_message', 'Messages must be JSON.');
      return;
    }
    const claimed = json as { id?: unknown; type?: unknown } | null;
    const claimedId = typeof claimed?.id === 'string' ? claimed.id.slice(0, 64) : undefined;
    const parsed = clientMessage.safeParse(json);
    if (!parsed.success) {
      const known = typeof claimed?.type === 'string' && knownTypes.has(claimed.type);
      sendError(known ? 'invalid_message' : 'unknown_type', 'This message is not valid.', claimedId);
      return;
    }
    const message = parsed.data;
    const handler = handlers[message.type] as MessageHandler<typeof message.type> | undefined;
    if (!handler) {
      sendError('unknown_type', 'This message type is not supported here.', claimedId);
      return;
    }
    try {
      await handler(context, message);
    } catch (error) {
      const { code, message: text } = toSignallingError(error);
      if (code === 'internal_error') {
        log.error({ type: message.type, err: describeError(error) }, 'signalling handler failed');
      }
      sendError(code, text, claimedId);
    }
  };

  // ws enforces MAX_MESSAGE_BYTES (maxPayload) and closes with 1009 above it.
  socket.on('message', (raw: Buffer, isBinary: boolean) => {
    if (!bucket.tryTake()) {
      sendError('rate_limited', 'Too many messages. Please slow down.');
      return;
    }
    if (isBinary) {
      sendError('invalid_message', 'Messages must be JSON text.');
      return;
    }
    void handle(raw.toString('utf8'));
  });

  // Heartbeat: a phone that lost its network never sends a close frame. Without this the seat would look taken
  // (and block the person's new window) until TCP gave up, which can take many minutes.
  let alive = true;
  socket.on('pong', () => {
    alive = true;
  });
  const heartbeat = setInterval(() => {
    if (!alive) {
      socket.terminate();
      return;
    }
    alive = false;
    socket.ping();
    checkSession();
  }, limits.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS);

  // A host who logged out, was deactivated or lost their session must not keep a host's seat on an open socket:
  // the connection closes, and the reconnect finds no session (the seat's grace period then ends it).
  let checking = false;
  const checkSession = () => {
    const stillValid = facts.sessionStillValid;
    if (!facts.sessionUser || !stillValid || checking) {
      return;
    }
    checking = true;
    stillValid()
      .catch(() => true) // A failing session store is not proof of a lost session.
      .then((valid) => {
        checking = false;
        if (!valid && !closed) {
          sendError('forbidden', 'Your login has ended. Please log in again.');
          socket.close(SESSION_ENDED_CLOSE_CODE, 'session ended');
        }
      })
      .catch(() => undefined);
  };
  heartbeat.unref();

  socket.on('close', () => {
    clearInterval(heartbeat);
    closed = true;
    for (const release of releases) {
      Promise.resolve()
        .then(release)
        .catch(() => log.warn('release on close failed'));
    }
    releases.clear();
  });
  socket.on('error', () => socket.terminate());
}
