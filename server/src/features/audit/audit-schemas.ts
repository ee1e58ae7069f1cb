import { z } from 'zod';

export { auditActions } from '@treffpunkt/protocol';
export type { AuditAction } from '@treffpunkt/protocol';

export const auditQuerySchema = z.object({
  actorId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  /** An action, or its prefix such as "host" or "organisation". */
  action: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z_.]+$/)
    .optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

const refSchema = z.object({ id: z.string(), name: z.string() });

export const auditEntryResponseSchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  /** Null when the account has since been deleted (retention) or the action was the system's. */
  actor: refSchema.nullable(),
  actorRole: z.enum(['platform_admin', 'host', 'system']),
  action: z.string(),
  organisation: refSchema.nullable(),
  target: z.object({ type: z.string(), id: z.string() }).nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const auditListResponseSchema = z.object({
  items: z.array(auditEntryResponseSchema),
  total: z.number(),
});
