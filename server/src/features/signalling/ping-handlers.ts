import type { HandlerTable } from './signalling-types.js';

/** `ping` lets clients measure round-trip time and keep idle proxies from closing the socket. */
export function pingHandlers(): HandlerTable {
  return {
    ping: (context, message) => context.send({ type: 'pong', ...(message.id ? { id: message.id } : {}) }),
  };
}
