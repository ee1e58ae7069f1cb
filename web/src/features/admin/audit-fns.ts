import { auditActions } from '@treffpunkt/protocol';
import type admin from '../../i18n/admin.de.json';

export { auditActions } from '@treffpunkt/protocol';

export type AuditActionKey = keyof typeof admin.audit.actions;
export type AuditGroup = keyof typeof admin.audit.groups;

/** The label key of an action (`host.invited` → `host_invited`), or undefined for one this app does not know. */
export function auditActionKey(action: string): AuditActionKey | undefined {
  return (auditActions as readonly string[]).includes(action)
    ? (action.replace(/\./g, '_') as AuditActionKey)
    : undefined;
}

/** Actions grouped by their prefix (`host`, `organisation`, …) for the filter, in the order above. */
export function auditActionGroups(): Array<{ group: AuditGroup; actions: string[] }> {
  const groups: Array<{ group: AuditGroup; actions: string[] }> = [];
  for (const action of auditActions) {
    const group = action.split('.')[0] as AuditGroup;
    const existing = groups.find((entry) => entry.group === group);
    if (existing) {
      existing.actions.push(action);
    } else {
      groups.push({ group, actions: [action] });
    }
  }
  return groups;
}

/**
 * A day range from date inputs (`YYYY-MM-DD`, the reader's local days) as ISO instants for the API: from the
 * start of the first day to the end of the last. Empty inputs stay open.
 */
export function dayRange(
  from: string,
  to: string,
  offsetMinutesAt: (date: Date) => number = (date) => date.getTimezoneOffset(),
): { from?: string; to?: string } {
  const range: { from?: string; to?: string } = {};
  const start = localMidnight(from, offsetMinutesAt);
  if (start) {
    range.from = start.toISOString();
  }
  const end = localMidnight(to, offsetMinutesAt);
  if (end) {
    const next = new Date(end.getTime() + 36 * 3600 * 1000);
    const nextDay = `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
    const nextStart = localMidnight(nextDay, offsetMinutesAt);
    if (nextStart) {
      range.to = new Date(nextStart.getTime() - 1).toISOString();
    }
  }
  return range;
}

/** True when both days are set and the last lies before the first. */
export function daysReversed(from: string, to: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && to < from;
}

function localMidnight(day: string, offsetMinutesAt: (date: Date) => number): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) {
    return undefined;
  }
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(utc)) {
    return undefined;
  }
  // Local midnight = UTC midnight shifted by the zone's offset on that day.
  const guess = new Date(utc + offsetMinutesAt(new Date(utc)) * 60_000);
  return new Date(utc + offsetMinutesAt(guess) * 60_000);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
