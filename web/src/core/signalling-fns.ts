import { MAX_MESSAGE_BYTES, serverMessage, type ServerMessage } from '@treffpunkt/protocol';

/** The signalling WebSocket's address on this site: `wss://host/api/signal` (or `ws://` on plain http). */
export function signallingUrl(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/signal`;
}

/** Parses and validates one message from the server; anything unexpected gives `undefined`. */
export function parseServerMessage(data: unknown): ServerMessage | undefined {
  if (typeof data !== 'string' || data.length > MAX_MESSAGE_BYTES) {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  const parsed = serverMessage.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
