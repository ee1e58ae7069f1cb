/**
 * The chat of one occurrence as files: TXT for reading, CSV for spreadsheets, JSON for machines. Everything is
 * text, never markup; CSV cells a spreadsheet would run as a formula are neutralised.
 */
import { revealBidiControls } from '@treffpunkt/protocol';

export interface ExportMessage {
  messageId: string;
  seq: number;
  sentAt: string;
  senderName: string;
  senderRole: 'host' | 'cohost' | 'participant';
  audience: 'everyone' | 'hosts';
  text: string;
}

export interface ExportHeader {
  title: string;
  occurrenceId: string;
  startsAt: string;
  timeZone: string;
}

/** Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"). */
const formulaStart = /^[=+\-@\t\r]/;

/** A leading `'` keeps a spreadsheet from evaluating the cell; the value stays readable. */
export function neutraliseCell(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** One CSV field (RFC 4180): always quoted, quotes doubled, formula starts neutralised. */
export function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : neutraliseCell(value);
  return `"${text.replaceAll('"', '""')}"`;
}

const csvColumns = ['seq', 'sent_at', 'sender', 'role', 'audience', 'text'] as const;

/** CSV with a header row, CRLF line ends and a byte-order mark (spreadsheets then read UTF-8). */
export function chatToCsv(messages: readonly ExportMessage[]): string {
  const rows = messages.map((m) =>
    [m.seq, m.sentAt, m.senderName, m.senderRole, m.audience, m.text].map(csvField).join(','),
  );
  return `\uFEFF${[csvColumns.join(','), ...rows].join('\r\n')}\r\n`;
}

/** Line breaks inside a message become indented continuation lines, so no text can fake a new entry. */
function continuation(text: string): string {
  return text.replace(/\r\n|\r|\n|\u2028|\u2029/g, '\n    ');
}

export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('de-DE', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

const audienceLabel = { everyone: '', hosts: ' (nur an die Hosts / to the hosts only)' } as const;

/** Plain text: a header, then `[hh:mm:ss] Name: text` per message in the meeting's time zone. */
export function chatToText(header: ExportHeader, messages: readonly ExportMessage[]): string {
  const lines = [
    `Chat: ${revealBidiControls(continuation(header.title))}`,
    `${header.startsAt} (${header.timeZone})`,
    '',
    ...messages.map(
      (m) =>
        `[${formatTime(m.sentAt, header.timeZone)}] ${revealBidiControls(continuation(m.senderName))}` +
        `${audienceLabel[m.audience]}: ${revealBidiControls(continuation(m.text))}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** JSON that parses back to exactly these messages. */
export function chatToJson(header: ExportHeader, messages: readonly ExportMessage[]): string {
  return `${JSON.stringify({ ...header, messages }, null, 2)}\n`;
}
