import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { meetingWorld, type MeetingWorld } from '../meetings/test/meetings-helpers.js';
import { neutraliseCell } from './chat-export-fns.js';
import { chatKit } from './test/chat-kit.js';
import { insertOccurrence } from './test/occurrence-fixture.js';

/** What people have pasted into chats to break things; each must come out as the same inert text. */
export const hostileTexts = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)"> <div onmouseover=alert(2)>x</div>',
  '<a href="javascript:alert(1)">klick</a> javascript:alert(1)',
  'file:///etc/passwd and file://server/share',
  '\\\\server\\freigabe\\datei.exe',
  'Rechnung\u202Efdp.exe',
  'eins\r\n[19:00:00] Hanna Host: gefälscht',
  "=cmd|' /C calc'!A0",
  '+49 170 1234567',
  '-1+2',
  '@SUM(A1:A2)',
  '\tTab am Anfang',
];

/** Reads an export back as a spreadsheet would (RFC 4180: quoted fields, doubled quotes, CRLF rows, BOM). */
const parseCsv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: true });

describe('chat export and retention', () => {
  let t: TestApp;
  let w: MeetingWorld;
  let occurrenceId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
    occurrenceId = (await insertOccurrence(t.database.db, { organisationId: w.organisation.id }))
      .occurrenceId;
    const kit = await chatKit(t.database.db, { occurrenceId, chat: { burst: 100 } });
    const host = await kit.joinHost();
    const guest = await kit.joinGuest('<b onmouseover=alert(1)>Eve</b>');
    for (const text of hostileTexts) {
      await kit.say(guest.connection, text);
    }
    await kit.say(guest.connection, 'Nur für die Hosts', 'hosts');
    await kit.say(host.connection, 'wird gelöscht');
    const deleted = host.connection.last('chat.message')?.message.messageId ?? '';
    await kit.send(host.connection, { type: 'chat.delete', messageId: deleted });
    await kit.close();
  });
  afterAll(() => t.close());

  const url = (format: string) => `/api/occurrences/${occurrenceId}/chat.${format}`;

  it('gives JSON that parses back to the same messages, to the hosts messages included', async () => {
    const response = await w.hostClient.get(url('json'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="chat-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const body = response.json<{
      messages: Array<{ seq: number; text: string; senderName: string; audience: string }>;
    }>();
    expect(body.messages.map((m) => m.text)).toEqual([...hostileTexts, 'Nur für die Hosts']);
    expect(body.messages.map((m) => m.seq)).toEqual(
      hostileTexts.map((_, i) => i + 1).concat(hostileTexts.length + 1),
    );
    expect(body.messages[0]?.senderName).toBe('<b onmouseover=alert(1)>Eve</b>');
    expect(body.messages.at(-1)?.audience).toBe('hosts');
  });

  it('gives CSV whose formula-like cells are neutralised and whose text is otherwise unchanged', async () => {
    const response = await w.hostClient.get(url('csv'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(response.body);
    expect(rows[0]).toEqual(['seq', 'sent_at', 'sender', 'role', 'audience', 'text']);
    const texts = rows.slice(1).map((row) => row[5]);
    expect(texts).toEqual([...hostileTexts, 'Nur für die Hosts'].map(neutraliseCell));
    for (const row of rows.slice(1)) {
      for (const cell of row) {
        expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  });

  it('gives text where no message can fake another line', async () => {
    const response = await w.adminClient.get(url('txt'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const lines = response.body.split('\n');
    expect(response.body).not.toContain('\r');
    expect(response.body).toContain('<script>alert(1)</script>');
    expect(response.body).toContain('Rechnung[U+202E]fdp.exe');
    expect(lines.filter((line) => line.startsWith('['))).toHaveLength(hostileTexts.length + 1);
    expect(response.body).not.toContain('wird gelöscht');
  });

  it('is not found for hosts of other organisations and needs a login', async () => {
    expect((await w.otherHostClient.get(url('json'))).statusCode).toBe(404);
    expect((await t.client().get(url('json'))).statusCode).toBe(401);
    expect((await w.hostClient.get('/api/occurrences/not-a-uuid/chat.json')).statusCode).toBe(400);
  });

  it('deletes the chat 30 days after the occurrence ended', async () => {
    await t.meetings.runJobs();
    expect((await w.hostClient.get(url('json'))).json<{ messages: unknown[] }>().messages).toHaveLength(13);
    t.clock.advance(31 * 24 * 60 * 60 * 1000);
    const counts = await t.meetings.runJobs();
    expect(counts.chat).toBe(14);
    const left = await t.database.db
      .selectFrom('chat_messages')
      .select('id')
      .where('occurrence_id', '=', occurrenceId)
      .execute();
    expect(left).toEqual([]);
  });
});
