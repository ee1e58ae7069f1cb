import type { ChatMessageView } from '@treffpunkt/protocol';

/** Adds or replaces a message, keeping the list in `seq` order (history and live messages may overlap). */
export function mergeMessages<T extends Pick<ChatMessageView, 'messageId' | 'seq'>>(
  list: readonly T[],
  incoming: readonly T[],
): T[] {
  const byId = new Map(list.map((message) => [message.messageId, message]));
  for (const message of incoming) {
    byId.set(message.messageId, message);
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** The highest `seq` seen: a reconnect asks for what came after it. */
export const lastSeq = (list: readonly Pick<ChatMessageView, 'seq'>[]): number => list.at(-1)?.seq ?? 0;

/** A client id for a new message: kept for every resend of it. */
export function newClientId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
