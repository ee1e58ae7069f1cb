import type { ChatMessageView } from '@treffpunkt/protocol';
import type { ChatMessageRecord } from './chat-repo.js';

/** What leaves the server about a chat message: never the sender's identity key. */
export function chatMessageView(record: ChatMessageRecord): ChatMessageView {
  return {
    messageId: record.id,
    seq: record.seq,
    clientId: record.clientId,
    senderName: record.senderName,
    senderRole: record.senderRole,
    audience: record.audience,
    text: record.text,
    sentAt: record.createdAt.toISOString(),
  };
}

/** Whether someone with this identity and role may read the message. */
export function mayRead(
  record: Pick<ChatMessageRecord, 'audience' | 'senderKey'>,
  reader: { identityKey: string; isHost: boolean },
): boolean {
  return record.audience === 'everyone' || reader.isHost || record.senderKey === reader.identityKey;
}
