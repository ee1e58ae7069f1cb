import type { InvitationStatus, Language, MailStatus } from '../../db/schema.js';
import { emailSchema } from '../accounts/accounts-schemas.js';
import { timeZoneSchema } from '../meetings/recurrence-schemas.js';

export interface ParsedInvitee {
  email: string;
  name: string;
  language?: Language;
  timeZone?: string;
}

export interface RejectedLine {
  /** 1-based line of the pasted text where the record starts. */
  line: number;
  /** The offending text, shortened. */
  text: string;
  reason: 'invalid_email' | 'no_email';
}

export interface ParsedList {
  invitees: ParsedInvitee[];
  rejected: RejectedLine[];
  /** Addresses that appeared more than once (kept once). */
  duplicates: number;
}

type Column = 'email' | 'name' | 'firstName' | 'lastName' | 'language' | 'timeZone';

/** Header cells as spreadsheets export them (German and English), lower-cased without spaces, dashes or dots. */
const headerNames: Record<string, Column> = {
  email: 'email',
  mail: 'email',
  emailadresse: 'email',
  emailaddress: 'email',
  adresse: 'email',
  name: 'name',
  fullname: 'name',
  vollständigername: 'name',
  anzeigename: 'name',
  displayname: 'name',
  teilnehmer: 'name',
  teilnehmerin: 'name',
  vorname: 'firstName',
  firstname: 'firstName',
  givenname: 'firstName',
  nachname: 'lastName',
  lastname: 'lastName',
  surname: 'lastName',
  familyname: 'lastName',
  sprache: 'language',
  language: 'language',
  lang: 'language',
  zeitzone: 'timeZone',
  timezone: 'timeZone',
};

const languageNames: Record<string, Language> = {
  de: 'de',
  deutsch: 'de',
  german: 'de',
  en: 'en',
  english: 'en',
  englisch: 'en',
};

/** Candidate delimiter of a line: the one of `;` `,` TAB occurring most often outside quotes (none: one column). */
function detectDelimiter(firstLine: string): string | undefined {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const character of firstLine) {
    if (character === '"') {
      quoted = !quoted;
    } else if (!quoted && (character === ';' || character === ',' || character === '\t')) {
      counts.set(character, (counts.get(character) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** RFC 4180 records, leniently: quotes may wrap fields (with "" inside and line breaks), text after them is kept. */
export function parseCsv(
  text: string,
  delimiter: string | undefined,
): Array<{ line: number; cells: string[] }> {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i += 1) {
    const character = text.charAt(i);
    if (quoted) {
      if (character === '"' && text.charAt(i + 1) === '"') {
        cell += '"';
        i += 1;
      } else if (character === '"') {
        quoted = false;
      } else {
        line += character === '\n' ? 1 : 0;
        cell += character;
      }
    } else if (character === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (character === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (character === '\n') {
      records.push({ line: recordLine, cells: [...cells, cell] });
      cells = [];
      cell = '';
      line += 1;
      recordLine = line;
    } else {
      cell += character;
    }
  }
  records.push({ line: recordLine, cells: [...cells, cell] });
  return records.filter((record) => record.cells.some((value) => value.trim() !== ''));
}

const cleanText = (text: string, max: number): string =>
  Array.from(text.replace(/[\p{Cc}\s]+/gu, ' ').trim())
    .slice(0, max)
    .join('');

const addressToken = /<?([^\s<>,;"']+@[^\s<>,;"']+)>?/g;
/** A quoted display name, `"Muster, Anna" <…>`: whatever it holds (even an @) is a name. */
const quotedName = /"[^"]*"(?=\s*<)/g;

const cleanName = (text: string): string =>
  cleanText(
    text
      .replace(/["'()]/g, ' ')
      .replace(/^[\s,;]+|[\s,;]+$/g, '')
      .replace(/[;\t]+/g, ' '),
    200,
  );

/**
 * Addresses in a text — `Name <a@b>`, bare `a@b`, several in a row — each with the text before it (its name
 * when the text holds several); `rest` is the text without addresses (the name when it holds one).
 */
function mailboxesIn(text: string): { entries: Array<{ address: string; before: string }>; rest: string } {
  const masked = text.replace(quotedName, (name) => ' '.repeat(name.length));
  const entries: Array<{ address: string; before: string }> = [];
  let last = 0;
  let rest = '';
  for (const match of masked.matchAll(addressToken)) {
    entries.push({ address: match[1] ?? '', before: cleanName(text.slice(last, match.index)) });
    rest += `${text.slice(last, match.index)} `;
    last = match.index + match[0].length;
  }
  return { entries, rest: cleanName(rest + text.slice(last)) };
}

/** Lines of a pasted list; a line break inside a quoted name does not end one (unless quotes are unbalanced). */
function pastedRecords(text: string): Array<{ line: number; text: string }> {
  const lines = text.split('\n');
  const balanced = (text.match(/"/g)?.length ?? 0) % 2 === 0;
  const records: Array<{ line: number; text: string }> = [];
  let open: { line: number; text: string } | undefined;
  lines.forEach((line, index) => {
    if (open) {
      open.text += `\n${line}`;
    } else {
      open = { line: index + 1, text: line };
    }
    if (!balanced || (open.text.match(/"/g)?.length ?? 0) % 2 === 0) {
      records.push(open);
      open = undefined;
    }
  });
  return records.filter((record) => record.text.trim() !== '');
}

function headerOf(cells: string[]): Map<Column, number> | undefined {
  if (cells.some((cell) => cell.includes('@'))) {
    return undefined;
  }
  const columns = new Map<Column, number>();
  cells.forEach((cell, index) => {
    const column = headerNames[cell.toLowerCase().replace(/[\s._-]/g, '')];
    if (column && !columns.has(column)) {
      columns.set(column, index);
    }
  });
  return columns.has('email') ? columns : undefined;
}

/**
 * Invitees from a pasted list or a CSV export: one address per line, `Name <address>`, comma- or
 * semicolon-separated lists, or a table with a header row (E-Mail, Name, Vorname, Nachname, Sprache, Zeitzone).
 * Robust rather than strict: unknown columns are ignored, a bad language or zone falls back to the default.
 */
export function parseInviteeList(input: string): ParsedList {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? '';
  const table = parseCsv(text, detectDelimiter(firstLine));
  const header = table[0] ? headerOf(table[0].cells) : undefined;
  const result: ParsedList = { invitees: [], rejected: [], duplicates: 0 };
  const seen = new Set<string>();

  const add = (
    line: number,
    raw: string,
    name: string,
    extra: Omit<ParsedInvitee, 'email' | 'name'> = {},
  ) => {
    const email = emailSchema.safeParse(raw);
    if (!email.success) {
      result.rejected.push({ line, text: cleanText(raw, 100), reason: 'invalid_email' });
    } else if (seen.has(email.data)) {
      result.duplicates += 1;
    } else {
      seen.add(email.data);
      result.invitees.push({ email: email.data, name, ...extra });
    }
  };
  /** A record without a usable address: a broken one if something looked like an address, else none at all. */
  const reject = (line: number, whole: string, where: string) => {
    const reason = where.includes('@') ? 'invalid_email' : 'no_email';
    result.rejected.push({ line, text: cleanText(whole, 100), reason });
  };

  if (header) {
    for (const record of table.slice(1)) {
      const cellAt = (column: Column) => record.cells[header.get(column) ?? -1] ?? '';
      const emailCell = mailboxesIn(cellAt('email'));
      const fullName = cleanText(cellAt('name'), 200) || emailCell.rest;
      const name = fullName || cleanText(`${cellAt('firstName')} ${cellAt('lastName')}`, 200);
      const language = languageNames[cellAt('language').trim().toLowerCase()];
      const zone = timeZoneSchema.safeParse(cellAt('timeZone').trim());
      const extra = { ...(language ? { language } : {}), ...(zone.success ? { timeZone: zone.data } : {}) };
      const address = emailCell.entries[0]?.address;
      if (address === undefined) {
        reject(record.line, record.cells.join(' '), cellAt('email'));
      } else {
        add(record.line, address, name, extra);
      }
    }
    return result;
  }
  for (const record of pastedRecords(text)) {
    const { entries, rest } = mailboxesIn(record.text);
    if (entries.length === 0) {
      reject(record.line, record.text, record.text);
    } else if (entries.length === 1) {
      add(record.line, entries[0]?.address ?? '', rest);
    } else {
      // A list on one line: each address takes the name written just before it.
      for (const entry of entries) {
        add(record.line, entry.address, entry.before);
      }
    }
  }
  return result;
}

export type InvitationState = 'pending' | 'sent' | 'failed' | 'declined' | 'revoked';

/**
 * What the host sees: declined and revoked win; otherwise the outbox state of the newest mail, or, once outbox
 * retention has deleted that row, the final state the meetings job copied from it.
 */
export function invitationState(
  status: InvitationStatus,
  mail: MailStatus | null,
  stored: 'pending' | 'sent' | 'failed',
): InvitationState {
  if (status !== 'active') {
    return status;
  }
  const delivery = mail ?? stored;
  return delivery === 'sent' || delivery === 'failed' ? delivery : 'pending';
}
