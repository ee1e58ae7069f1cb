import type { ClientMessage, ClientMessageType, ServerMessage } from '@treffpunkt/protocol';
import type { Logger } from '../../lib/logger.js';

/** The logged-in user whose session cookie came with the WebSocket upgrade (resolved once, at the upgrade). */
export interface SessionUser {
  userId: string;
  displayName: string;
}

/** What a message handler sees of the connection it serves. */
export interface SignallingContext {
  /** Random id of this WebSocket connection (no personal data). */
  readonly connectionId: string;
  readonly log: Logger;
  send(message: ServerMessage): void;
  /**
   * Registers something that must be released when the connection closes (a Janus session, a room seat).
   * Returns a function that unregisters it early.
   */
  onClose(release: () => void | Promise<void>): () => void;
  /** Per-connection state owned by features, keyed by feature name. */
  readonly state: Map<string, unknown>;
  /** Set when the upgrade request carried a valid session (a host joining their meeting); absent otherwise. */
  readonly sessionUser?: SessionUser | undefined;
  /** The upgrade request's source address: a throttling key for passcode guesses, never logged or stored. */
  readonly source?: string | undefined;
}

export type MessageHandler<T extends ClientMessageType> = (
  context: SignallingContext,
  message: Extract<ClientMessage, { type: T }>,
) => void | Promise<void>;

/** Features contribute handlers for the message types they own. */
export type HandlerTable = { [T in ClientMessageType]?: MessageHandler<T> };
