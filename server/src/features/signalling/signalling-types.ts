import type { ClientMessage, ClientMessageType, ServerMessage } from '@treffpunkt/protocol';
import type { Logger } from '../../lib/logger.js';

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
}

export type MessageHandler<T extends ClientMessageType> = (
  context: SignallingContext,
  message: Extract<ClientMessage, { type: T }>,
) => void | Promise<void>;

/** Features contribute handlers for the message types they own. */
export type HandlerTable = { [T in ClientMessageType]?: MessageHandler<T> };
