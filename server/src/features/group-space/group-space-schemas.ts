import { z } from 'zod';
import { tokenSchema } from '../accounts/accounts-schemas.js';

export const MAX_GROUP_MESSAGE_LENGTH = 2000;

/** Plain text as typed: line breaks normalised, other control characters refused, never empty. */
export const groupMessageSchema = z.object({
  clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8–64 letters, digits, - or _'),
  text: z
    .string()
    // Bounded before the transforms, so a megabyte of text is not scanned three times.
    .max(MAX_GROUP_MESSAGE_LENGTH * 2, `at most ${MAX_GROUP_MESSAGE_LENGTH} characters`)
    .transform((text) => text.replace(/\r\n?/g, '\n'))
    .refine((text) => text.trim() !== '', 'the message is empty')
    .refine(
      (text) => text.length <= MAX_GROUP_MESSAGE_LENGTH,
      `at most ${MAX_GROUP_MESSAGE_LENGTH} characters`,
    )
    .refine((text) => !/[^\P{Cc}\n\t]/u.test(text), 'no control characters'),
});
export type GroupMessageInput = z.infer<typeof groupMessageSchema>;

export const pageQuerySchema = z.object({ before: z.coerce.number().int().min(1).optional() });
export const tokenHeaderSchema = z.object({ 'x-invitation-token': tokenSchema });
export const meetingParamsSchema = z.object({ meetingId: z.uuid() });
export const messageParamsSchema = meetingParamsSchema.extend({ messageId: z.uuid() });
export const memberParamsSchema = meetingParamsSchema.extend({ invitationId: z.uuid() });
export const memberBodySchema = z.object({ removed: z.boolean() });
export const digestBodySchema = z.object({ enabled: z.boolean() });
export const stopBodySchema = z.object({ token: tokenSchema });

const authorSchema = z.object({ name: z.string(), role: z.enum(['host', 'invitee']) });

/** What leaves the server for one message; `authorInvitationId` only for hosts. */
export const groupMessageResponseSchema = z.object({
  id: z.string(),
  seq: z.number(),
  author: authorSchema,
  mine: z.boolean(),
  text: z.string(),
  removed: z.boolean(),
  createdAt: z.string(),
  authorInvitationId: z.string().optional(),
});

export const groupPageResponseSchema = z.object({
  title: z.string(),
  messages: z.array(groupMessageResponseSchema),
  hasOlder: z.boolean(),
  /** The reader's own email summary switch. */
  digest: z.boolean(),
  /** How many days lie at least between two summaries, and how long messages are kept. */
  digestDays: z.number(),
  retentionDays: z.number(),
});

/** Hosts' list of the series' invitees and whether each may use the space. */
export const groupMembersResponseSchema = z.object({
  items: z.array(
    z.object({
      invitationId: z.string(),
      name: z.string(),
      email: z.string(),
      removed: z.boolean(),
    }),
  ),
});
