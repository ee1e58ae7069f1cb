import { describe, expect, it } from 'vitest';
import de from '../../i18n/admin.de.json';
import en from '../../i18n/admin.en.json';
import { auditActionGroups, auditActionKey, auditActions, dayRange, daysReversed } from './audit-fns';

describe('audit action labels', () => {
  it('has a German and English label for every action and group', () => {
    for (const action of auditActions) {
      const key = auditActionKey(action);
      expect(key, action).toBeDefined();
      expect(de.audit.actions[key!], action).toBeTruthy();
      expect(en.audit.actions[key!], action).toBeTruthy();
    }
    for (const { group } of auditActionGroups()) {
      expect(de.audit.groups[group], group).toBeTruthy();
      expect(en.audit.groups[group], group).toBeTruthy();
    }
  });
  it('knows no label for an unknown action', () => {
    expect(auditActionKey('meeting.exploded')).toBeUndefined();
    expect(auditActionKey('host')).toBeUndefined();
  });
  it('groups actions by prefix', () => {
    const groups = auditActionGroups();
    expect(groups.map((entry) => entry.group)).toEqual([
      'account',
      'auth',
      'profile',
      'totp',
      'organisation',
      'host',
      'settings',
      'meeting',
      'occurrence',
      'series',
      'invitation',
      'calendar_feed',
    ]);
    expect(groups.find((entry) => entry.group === 'organisation')?.actions).toHaveLength(4);
  });
});

describe('dayRange', () => {
  const utc = () => 0;
  // Berlin: UTC+1 in winter (offset -60), UTC+2 in summer (offset -120); DST starts 29 March 2026.
  const berlin = (date: Date) => (date.getTime() >= Date.UTC(2026, 2, 29, 1) ? -120 : -60);

  it('covers whole days in UTC', () => {
    expect(dayRange('2026-03-01', '2026-03-02', utc)).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-02T23:59:59.999Z',
    });
  });
  it('covers whole local days, across a DST change', () => {
    expect(dayRange('2026-03-28', '2026-03-29', berlin)).toEqual({
      from: '2026-03-27T23:00:00.000Z',
      to: '2026-03-29T21:59:59.999Z',
    });
  });
  it('leaves empty or odd inputs open', () => {
    expect(dayRange('', '', utc)).toEqual({});
    expect(dayRange('gestern', '2026-13-45x', utc)).toEqual({});
  });
  it('notices a reversed range', () => {
    expect(daysReversed('2026-03-02', '2026-03-01')).toBe(true);
    expect(daysReversed('2026-03-01', '2026-03-01')).toBe(false);
    expect(daysReversed('', '2026-03-01')).toBe(false);
  });
});
