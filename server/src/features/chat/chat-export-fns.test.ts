import { describe, expect, it } from 'vitest';
import {
  chatToCsv,
  chatToJson,
  chatToText,
  csvField,
  neutraliseCell,
  type ExportMessage,
} from './chat-export-fns.js';

const message = (text: string, extra: Partial<ExportMessage> = {}): ExportMessage => ({
  messageId: '7b0c2f6e-5d0e-4b43-9a8b-3c1f0a2d9e11',
  seq: 1,
  sentAt: '2030-03-04T18:05:09.000Z',
  senderName: 'Anna',
  senderRole: 'participant',
  audience: 'everyone',
  text,
  ...extra,
});
const header = {
  title: 'Gesprächskreis',
  occurrenceId: 'occ',
  startsAt: '2030-03-04T18:00:00.000Z',
  timeZone: 'Europe/Berlin',
};

describe('CSV neutralisation', () => {
  it.each(['=1+1', '+49 170', '-2', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with an apostrophe', (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`);
  });

  it('leaves ordinary text alone and quotes every field', () => {
    expect(neutraliseCell('Hallo = gut')).toBe('Hallo = gut');
    expect(csvField('Er sagte "hallo"')).toBe('"Er sagte ""hallo"""');
    expect(csvField(12)).toBe('"12"');
  });

  it('writes a header row and one row per message, formula cells neutralised', () => {
    const csv = chatToCsv([message('=HYPERLINK("http://evil")', { senderName: '@admin' })]);
    expect(csv.startsWith('\uFEFFseq,sent_at,sender,role,audience,text\r\n')).toBe(true);
    expect(csv).toContain(`"'@admin","participant","everyone","'=HYPERLINK(""http://evil"")"`);
  });
});

describe('text export', () => {
  it('keeps line breaks from faking entries and shows direction overrides as codes', () => {
    const text = chatToText(header, [message('eins\r\n[19:00:00] Host: gefälscht\u202Etxt.exe')]);
    expect(text).toContain('[19:05:09] Anna: eins\n    [19:00:00] Host: gefälscht[U+202E]txt.exe\n');
    expect(text).not.toContain('\r');
  });

  it('marks messages to the hosts', () => {
    expect(chatToText(header, [message('privat', { audience: 'hosts' })])).toContain(
      'Anna (nur an die Hosts / to the hosts only): privat',
    );
  });
});

describe('JSON export', () => {
  it('parses back to the same messages', () => {
    const messages = [message('<script>alert(1)</script>'), message('a\r\nb\u202E', { seq: 2 })];
    expect((JSON.parse(chatToJson(header, messages)) as { messages: unknown }).messages).toEqual(messages);
  });
});
