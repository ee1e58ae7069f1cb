import { z } from 'zod';
import {
  emailSchema,
  idSchema,
  languageSchema,
  listQuerySchema,
  nameSchema,
  roleSchema,
} from './accounts-schemas.js';

const organisationIdsSchema = z
  .array(idSchema)
  .max(50)
  .transform((ids) => [...new Set(ids)]);

export const hostInviteSchema = z.object({
  email: emailSchema,
  name: nameSchema,
  language: languageSchema.optional(),
  role: roleSchema.default('host'),
  organisationIds: organisationIdsSchema.default([]),
});

export const hostUpdateSchema = z
  .object({
    name: nameSchema,
    language: languageSchema,
    role: roleSchema,
    organisationIds: organisationIdsSchema,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');

export const hostListQuerySchema = listQuerySchema.extend({
  role: roleSchema.optional(),
  status: z.enum(['invited', 'active', 'deactivated']).optional(),
  organisationId: idSchema.optional(),
});

export const hostResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  status: z.enum(['invited', 'active', 'deactivated']),
  language: languageSchema,
  totpEnabled: z.boolean(),
  organisations: z.array(
    z.object({ id: z.string(), name: z.string(), status: z.enum(['active', 'deactivated']) }),
  ),
  createdAt: z.iso.datetime(),
  deactivatedAt: z.iso.datetime().nullable(),
});
export type HostResponse = z.infer<typeof hostResponseSchema>;

export const hostListResponseSchema = z.object({ items: z.array(hostResponseSchema), total: z.number() });
