import { z } from 'zod';
import {
  emailSchema,
  idSchema,
  languageSchema,
  singleLineSchema,
  tokenSchema,
} from '../accounts/accounts-schemas.js';
import { MAX_INVITATIONS } from '../meetings/meetings-fns.js';
import { timeZoneSchema } from '../meetings/recurrence-schemas.js';

export const inviteeSchema = z.object({
  email: emailSchema,
  name: singleLineSchema(200).default(''),
  language: languageSchema.optional(),
  /** The zone dates are written in for this person; default the meeting's. */
  timeZone: timeZoneSchema.optional(),
});

const defaultsFields = { language: languageSchema.optional(), timeZone: timeZoneSchema.optional() };

export const inviteBodySchema = z.object({
  invitees: z.array(inviteeSchema).min(1).max(MAX_INVITATIONS),
  ...defaultsFields,
});

/** A pasted list or CSV export (200 KB is far more than 500 lines of addresses and names). */
export const importTextSchema = z.string().min(1).max(200_000);
export const importBodySchema = z.object({
  text: importTextSchema,
  ...defaultsFields,
  dryRun: z.boolean().default(false),
});
/** Options of a raw `text/csv` or `text/plain` upload. */
export const importQuerySchema = z.object({
  ...defaultsFields,
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export const invitationParamsSchema = z.object({ id: idSchema });
export const tokenInputSchema = z.object({ token: tokenSchema });

export const invitationResponseSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  language: languageSchema,
  timeZone: z.string(),
  /** pending / sent / failed: the outbox state of the newest mail; declined, revoked: ended. */
  state: z.enum(['pending', 'sent', 'failed', 'declined', 'revoked']),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
});

export const invitationListResponseSchema = z.object({ items: z.array(invitationResponseSchema) });

const rejectedSchema = z.object({
  line: z.number(),
  text: z.string(),
  reason: z.enum(['invalid_email', 'no_email']),
});

export const inviteResponseSchema = z.object({
  invited: z.array(invitationResponseSchema),
  alreadyInvited: z.array(z.string()),
  rejected: z.array(rejectedSchema),
  duplicates: z.number(),
});

export const importPreviewResponseSchema = z.object({
  invitees: z.array(
    z.object({
      email: z.string(),
      name: z.string(),
      language: languageSchema.optional(),
      timeZone: z.string().optional(),
    }),
  ),
  rejected: z.array(rejectedSchema),
  duplicates: z.number(),
});
