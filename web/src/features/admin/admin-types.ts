/** Answers of the admin API (docs/api/accounts.md, server/src/features/*-schemas.ts). */

export interface ListResponse<T> {
  items: T[];
  total: number;
}

export type OrganisationStatus = 'active' | 'deactivated';

export interface AdminOrganisation {
  id: string;
  name: string;
  contact: string;
  notes: string;
  status: OrganisationStatus;
  /** Days chat and polls are kept; null: the platform's default. */
  chatRetentionDays: number | null;
  hostCount: number;
  createdAt: string;
  updatedAt: string;
}

export type HostStatus = 'invited' | 'active' | 'deactivated';

export interface AdminHost {
  id: string;
  name: string;
  email: string;
  role: 'platform_admin' | 'host';
  status: HostStatus;
  language: 'de' | 'en';
  totpEnabled: boolean;
  organisations: Array<{ id: string; name: string; status: OrganisationStatus }>;
  createdAt: string;
  deactivatedAt: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  actorRole: 'platform_admin' | 'host' | 'system';
  action: string;
  organisation: { id: string; name: string } | null;
  target: { type: string; id: string } | null;
  details: Record<string, unknown>;
}

export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxItem {
  id: string;
  recipient: string;
  template: string;
  language: 'de' | 'en';
  subject: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface OutboxMessage extends OutboxItem {
  text: string | null;
  html: string | null;
}

export interface DialInNumber {
  label: string;
  number: string;
}

export interface AdminSettings {
  associationName: string;
  associationContact: string;
  privacyNotice: string;
  imprint: string;
  dialInNumbers: DialInNumber[];
  defaultLanguage: 'de' | 'en';
  requireAdminTotp: boolean;
  /** Days meeting chat and group space messages are kept. */
  chatRetentionDays: number;
  /** Group space email summaries at most every this many days. */
  groupDigestDays: number;
}
