import type { ServerMessage, SignallingErrorCode } from '@treffpunkt/protocol';
import type { BackoffOptions } from './reconnect-fns';

/** `reconnecting`: the socket was lost after it had been open; a new one is being tried (only with `reconnect`). */
export type SignallingState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Why a request or the connection failed: a server error code, or one of the client's own. */
export type SignallingFailure = SignallingErrorCode | 'connect_failed' | 'timeout' | 'closed';

export class SignallingError extends Error {
  override readonly name = 'SignallingError';
  constructor(
    readonly code: SignallingFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface SignallingEvents extends Record<string, unknown> {
  /** Every valid message from the server, including replies to requests. */
  message: ServerMessage;
  state: SignallingState;
}

export interface SignallingClientOptions {
  /** `ws(s)://host/api/signal`; see `signallingUrl()`. */
  url: string;
  /** How long `connect()` and `request()` wait before failing with `timeout`. Default 15 s. */
  timeoutMs?: number;
  /** Creates the socket; tests pass a fake. Default: the browser's WebSocket. */
  createSocket?: (url: string) => WebSocket;
  /**
   * Open a new socket when an open one is lost (network change, server restart), with backoff. Off by default: the
   * echo test is one-shot. Requests pending at the loss are rejected with `closed`; listeners stay. After
   * `maxAttempts` failed attempts in a row the state becomes `closed`.
   */
  reconnect?: BackoffOptions & { maxAttempts?: number };
  /**
   * With `reconnect`: send a `ping` this often; when no `pong` came back by the next one, the socket counts as lost
   * (a dead mobile connection often never reports a close). Default 10 s; 0 turns it off.
   */
  heartbeatMs?: number;
}
