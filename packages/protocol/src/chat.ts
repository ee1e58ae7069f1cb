import { z } from 'zod';
import { requestId } from './envelope.js';
import { role } from './room.js';

/**
 * In-meeting chat over the signalling WebSocket. The server stores a message before it acknowledges it
 * (`chat.sent`), so a message the client saw acknowledged is never lost; a resend with the same `clientId`
 * returns the stored message and never adds a second one. Only admitted participants send or receive chat.
 */

/** Longest chat message, in UTF-16 code units (what a browser's `maxLength` counts). */
export const CHAT_MAX_CHARS = 2000;
/** Most messages in one `chat.history` page; `more` says whether to ask again after its last `seq`. */
export const CHAT_HISTORY_PAGE = 200;

export const chatAudience = z.enum(['everyone', 'hosts']);
export type ChatAudience = z.infer<typeof chatAudience>;
/** Chosen by the client once per message and kept for resends (e.g. a random UUID). */
export const chatClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export const chatMessageId = z.uuid();

export const chatText = z
  .string()
  .max(CHAT_MAX_CHARS, `A chat message can have at most ${CHAT_MAX_CHARS} characters.`)
  .refine((value) => value.trim().length > 0, 'A chat message cannot be empty.');

export const chatMessageView = z.object({
  messageId: chatMessageId,
  seq: z.number().int().min(1),
  clientId: chatClientId,
  senderName: z.string(),
  senderRole: role,
  audience: chatAudience,
  text: z.string(),
  /** ISO 8601, from the server's clock. */
  sentAt: z.string(),
});
export type ChatMessageView = z.infer<typeof chatMessageView>;

export const chatClientMessages = [
  z.object({
    type: z.literal('chat.send'),
    id: requestId,
    clientId: chatClientId,
    text: chatText,
    /** `hosts`: only hosts and co-hosts (and the sender) see it. */
    audience: chatAudience,
  }),
  /** Messages after `afterSeq` (all without it): on admission and after every reconnect. */
  z.object({ type: z.literal('chat.fetch'), id: requestId, afterSeq: z.number().int().min(0).optional() }),
  /** Hosts and co-hosts: removes a message for everyone (its text is deleted at once). */
  z.object({ type: z.literal('chat.delete'), messageId: chatMessageId }),
  /** Hosts and co-hosts: chat on or off for participants (hosts can always write). */
  z.object({ type: z.literal('chat.setEnabled'), enabled: z.boolean() }),
] as const;

export const chatServerMessages = [
  /** The message is stored: it will never be lost or duplicated. */
  z.object({
    type: z.literal('chat.sent'),
    id: requestId,
    clientId: chatClientId,
    seq: z.number().int().min(1),
    messageId: chatMessageId,
  }),
  z.object({ type: z.literal('chat.message'), message: chatMessageView }),
  z.object({
    type: z.literal('chat.history'),
    id: requestId,
    messages: z.array(chatMessageView),
    /** More messages follow: ask again with `afterSeq` = the last one's seq. */
    more: z.boolean(),
    /** Hosts only: the occurrence for the download links (`/api/occurrences/:id/chat.{txt,csv,json}`). */
    exportId: z.uuid().optional(),
  }),
  z.object({ type: z.literal('chat.deleted'), messageId: chatMessageId }),
] as const;

/**
 * Direction overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what follows them on screen:
 * "Rechnung\u202Efdp.exe" would read "Rechnungexe.pdf". Wherever a message, a name or a title is shown or exported
 * as text, they are written as their code instead ("[U+202E]"), the same in the room, the group space and the files.
 */
export function revealBidiControls(text: string): string {
  return text.replace(
    /[\u202A-\u202E\u2066-\u2069]/g,
    (char) => `[U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}]`,
  );
}
