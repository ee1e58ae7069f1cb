import { z } from 'zod';
import { passwordRules } from './accounts-fns.js';

/** Emails are trimmed and lower-cased before anything else, so that one address is one account. */
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
/** One line of text: no control characters, which could break mail headers or log lines. */
export const singleLineSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'expected a single line of text');
export const nameSchema = singleLineSchema(200).min(1);
export const languageSchema = z.enum(['de', 'en']);
export const roleSchema = z.enum(['platform_admin', 'host']);
export const idSchema = z.uuid();
/** Passwords are never trimmed: every character counts. Bounded so that hashing stays cheap. */
export const newPasswordSchema = z.string().min(passwordRules.minLength).max(passwordRules.maxLength);
/** A password typed to log in or confirm: no minimum, so old, shorter passwords still work. */
export const passwordInputSchema = z.string().min(1).max(passwordRules.maxLength);
export const tokenSchema = z
  .string()
  .trim()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);
export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/);
export const recoveryCodeSchema = z.string().trim().min(16).max(40);

export const idParamsSchema = z.object({ id: idSchema });

/** Query of every list endpoint: offset pagination and an optional search text. */
export const listQuerySchema = z.object({
  search: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const loginBodySchema = z.object({
  email: emailSchema,
  password: passwordInputSchema,
  totpCode: totpCodeSchema.optional(),
  recoveryCode: recoveryCodeSchema.optional(),
});

export const setupBodySchema = z.object({ token: tokenSchema, password: newPasswordSchema });
export const resetRequestBodySchema = z.object({ email: emailSchema });
export const tokenBodySchema = z.object({ token: tokenSchema });

export const organisationRefSchema = z.object({ id: z.string(), name: z.string() });

/** What the web app learns about the logged-in user: `GET /api/auth/me` and the login answer. */
export const meResponseSchema = z.object({
  user: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    language: languageSchema,
    role: roleSchema,
    totpEnabled: z.boolean(),
  }),
  roles: z.array(roleSchema),
  organisations: z.array(organisationRefSchema),
  /** Send back as `x-csrf-token` on every POST/PUT/PATCH/DELETE. */
  csrfToken: z.string(),
  /** A platform admin must enrol a second factor before the admin API answers. */
  totpEnrolmentRequired: z.boolean(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;
