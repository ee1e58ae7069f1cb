import { z } from 'zod';
import { listQuerySchema, singleLineSchema } from '../accounts/accounts-schemas.js';

export const organisationCreateSchema = z.object({
  name: singleLineSchema(200).min(1),
  contact: z.string().trim().max(1000).default(''),
  /** Internal notes of the association's staff; never shown to hosts. */
  notes: z.string().trim().max(4000).default(''),
  /** Days chat and polls of the organisation's meetings are kept; null: the platform's default. */
  chatRetentionDays: z.number().int().min(1).max(365).nullable().default(null),
});

export const organisationUpdateSchema = z
  .object({
    name: singleLineSchema(200).min(1),
    contact: z.string().trim().max(1000),
    notes: z.string().trim().max(4000),
    /** Days chat and polls of the organisation's meetings are kept; null: the platform's default. */
    chatRetentionDays: z.number().int().min(1).max(365).nullable(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');

export const organisationListQuerySchema = listQuerySchema.extend({
  status: z.enum(['active', 'deactivated']).optional(),
});

/** What platform admins see. */
export const organisationAdminResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  contact: z.string(),
  notes: z.string(),
  status: z.enum(['active', 'deactivated']),
  chatRetentionDays: z.number().nullable(),
  hostCount: z.number(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const organisationAdminListResponseSchema = z.object({
  items: z.array(organisationAdminResponseSchema),
  total: z.number(),
});

/** What a host sees of their own organisations: no internal notes. */
export const organisationHostResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  contact: z.string(),
});

export const organisationHostsResponseSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string() })),
});
