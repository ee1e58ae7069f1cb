import { describe, expect, it } from 'vitest';
import {
  digestCutoff,
  digestSelection,
  invitationIdOf,
  invitationKey,
  presentMessage,
  userIdOf,
  userKey,
  type GroupViewer,
} from './group-space-fns.js';
import type { GroupMessageRecord } from './group-space-repo.js';
import { groupMessageSchema } from './group-space-schemas.js';

const host: GroupViewer = {
  meetingId: 'm1',
  title: 'Runde',
  authorKey: userKey('u1'),
  authorName: 'Hanna',
  role: 'host',
  retentionDays: null,
};
const invitee: GroupViewer = { ...host, authorKey: invitationKey('i1'), authorName: 'Ida', role: 'invitee' };

const message = (extra: Partial<GroupMessageRecord> = {}): GroupMessageRecord => ({
  id: 'x1',
  seq: 7,
  meetingId: 'm1',
  authorKey: invitationKey('i2'),
  authorName: 'Bernd',
  authorRole: 'invitee',
  clientId: 'client-01',
  text: 'Hallo',
  createdAt: new Date('2030-01-01T10:00:00Z'),
  deletedAt: null,
  ...extra,
});

describe('author keys', () => {
  it('tell invitees and hosts apart', () => {
    expect(invitationIdOf(invitationKey('abc'))).toBe('abc');
    expect(invitationIdOf(userKey('abc'))).toBeUndefined();
    expect(userIdOf(userKey('abc'))).toBe('abc');
    expect(userIdOf(invitationKey('abc'))).toBeUndefined();
  });
});

describe('presentMessage', () => {
  it('shows hosts whose invitation wrote a message, and invitees nothing of it', () => {
    expect(presentMessage(host, message()).authorInvitationId).toBe('i2');
    expect(presentMessage(invitee, message())).not.toHaveProperty('authorInvitationId');
    expect(presentMessage(host, message({ authorKey: userKey('u2') }))).not.toHaveProperty(
      'authorInvitationId',
    );
  });

  it('marks the reader’s own messages', () => {
    expect(presentMessage(invitee, message({ authorKey: invitationKey('i1') })).mine).toBe(true);
    expect(presentMessage(invitee, message()).mine).toBe(false);
  });

  it('never sends the text of a removed message', () => {
    const removed = presentMessage(host, message({ text: 'still here', deletedAt: new Date() }));
    expect(removed).toMatchObject({ text: '', removed: true });
  });
});

describe('time limits', () => {
  const now = new Date('2030-03-10T12:00:00Z');
  it('allows the next digest a little before a full interval, so the hourly job does not drift', () => {
    const cutoff = digestCutoff(now, 1);
    expect(cutoff.getTime()).toBeLessThan(now.getTime() - 23 * 3_600_000);
    expect(cutoff.getTime()).toBeGreaterThan(now.getTime() - 24 * 3_600_000);
  });
  it('quotes the newest messages oldest first and counts the rest', () => {
    expect(digestSelection([5, 4, 3, 2, 1], 3)).toEqual({ quoted: [3, 4, 5], more: 2 });
    expect(digestSelection([2, 1], 3)).toEqual({ quoted: [1, 2], more: 0 });
  });
});

describe('groupMessageSchema', () => {
  const parse = (text: string) => groupMessageSchema.safeParse({ clientId: 'client-01', text });
  it('keeps hostile text as typed and normalises line breaks', () => {
    for (const text of ['<script>alert(1)</script>', 'javascript:alert(1)', '\\\\srv\\share', 'a\u202Eb']) {
      expect(parse(text)).toMatchObject({ success: true, data: { text } });
    }
    expect(parse('a\r\nb\rc')).toMatchObject({ success: true, data: { text: 'a\nb\nc' } });
  });
  it('refuses empty, too long and control characters', () => {
    expect(parse('  \n ').success).toBe(false);
    expect(parse('x'.repeat(2000)).success).toBe(true);
    expect(parse('x'.repeat(2001)).success).toBe(false);
    expect(parse('x'.repeat(10_000)).success).toBe(false);
    expect(parse('bell\u0007').success).toBe(false);
  });
  it('refuses odd client ids', () => {
    expect(groupMessageSchema.safeParse({ clientId: 'short', text: 'x' }).success).toBe(false);
    expect(groupMessageSchema.safeParse({ clientId: '../../etc/passwd', text: 'x' }).success).toBe(false);
  });
});
