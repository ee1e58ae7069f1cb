import { z } from 'zod';
import { singleLineSchema } from '../accounts/accounts-schemas.js';

export const dialInNumberSchema = z.object({
  label: singleLineSchema(100).min(1),
  number: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()/-]{2,29}$/, 'expected a phone number such as +49 30 1234567'),
});

/** Instance settings edited by platform admins; each field is one row of `instance_settings`. */
export const settingsSchema = z.object({
  associationName: singleLineSchema(200).min(1),
  associationContact: z.string().trim().max(2000),
  privacyNotice: z.string().max(50_000),
  imprint: z.string().max(20_000),
  dialInNumbers: z.array(dialInNumberSchema).max(20),
  defaultLanguage: z.enum(['de', 'en']),
  /** Platform admins must enrol a second factor before the admin API answers them. */
  requireAdminTotp: z.boolean(),
  /** Days meeting chat and group space messages are kept after they were written (docs/privacy/retention.md). */
  chatRetentionDays: z.number().int().min(1).max(365),
  /** Group space email summaries: at most one per this many days and person. */
  groupDigestDays: z.number().int().min(1).max(7),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  associationName: 'Treffpunkt',
  associationContact: '',
  privacyNotice: '',
  imprint: '',
  dialInNumbers: [],
  defaultLanguage: 'de',
  requireAdminTotp: false,
  chatRetentionDays: 30,
  groupDigestDays: 1,
};

/** Column `key` of each setting; snake_case as other readers of the table (SQL, later features) expect. */
export const settingKeys: Record<keyof Settings, string> = {
  associationName: 'association_name',
  associationContact: 'association_contact',
  privacyNotice: 'privacy_notice',
  imprint: 'imprint',
  dialInNumbers: 'dial_in_numbers',
  defaultLanguage: 'default_language',
  requireAdminTotp: 'require_admin_totp',
  chatRetentionDays: 'chat_retention_days',
  groupDigestDays: 'group_digest_days',
};

/** `PUT /api/admin/settings` takes any subset; fields left out keep their value. */
export const settingsUpdateSchema = settingsSchema.partial();

/** What anyone may read: the web app's privacy and imprint pages, the association's name. */
export const publicSettingsResponseSchema = settingsSchema.pick({
  associationName: true,
  associationContact: true,
  privacyNotice: true,
  imprint: true,
  defaultLanguage: true,
});
