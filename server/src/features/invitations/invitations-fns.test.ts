import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invitationState, parseCsv, parseInviteeList } from './invitations-fns.js';

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, and numbers records by line', () => {
    expect(parseCsv('a;"b;c";"say ""hi"""\n\n"multi\nline";x\n', ';')).toEqual([
      { line: 1, cells: ['a', 'b;c', 'say "hi"'] },
      { line: 3, cells: ['multi\nline', 'x'] },
    ]);
  });

  it('never throws and never loses a non-empty line, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom(',', ';', '\t', undefined),
        (text, delimiter) => {
          const records = parseCsv(text, delimiter);
          expect(records.every((r) => r.cells.some((cell) => cell.trim() !== ''))).toBe(true);
        },
      ),
    );
  });
});

describe('parseInviteeList', () => {
  it('takes one address per line, bare or with a name, in any case', () => {
    expect(
      parseInviteeList('anna@example.org\nBen Berg <BEN@Example.org>\n  carl@example.org  Carl Clever\n'),
    ).toEqual({
      invitees: [
        { email: 'anna@example.org', name: '' },
        { email: 'ben@example.org', name: 'Ben Berg' },
        { email: 'carl@example.org', name: 'Carl Clever' },
      ],
      rejected: [],
      duplicates: 0,
    });
  });

  it('splits lists on one line and gives each address the name before it', () => {
    const parsed = parseInviteeList('Anna <a@example.org>, b@example.org; "Muster, Carl" <c@example.org>');
    expect(parsed.invitees).toEqual([
      { email: 'a@example.org', name: 'Anna' },
      { email: 'b@example.org', name: '' },
      { email: 'c@example.org', name: 'Muster, Carl' },
    ]);
  });

  it('reads a spreadsheet export with a header row: columns in any order, first and last names, language, zone', () => {
    const csv =
      '\uFEFFNachname;Vorname;E-Mail-Adresse;Sprache;Zeitzone;Notiz\r\n' +
      'Dietz;Dora;dora@example.org;Englisch;Europe/London;ruft an\r\n' +
      'Ernst;Emil;emil@example.org;;Mars/Base;\r\n' +
      ';;;;;nur Notiz\r\n' +
      'Falsch;Fe;fe@;de;;\r\n';
    expect(parseInviteeList(csv)).toEqual({
      invitees: [
        { email: 'dora@example.org', name: 'Dora Dietz', language: 'en', timeZone: 'Europe/London' },
        { email: 'emil@example.org', name: 'Emil Ernst' },
      ],
      rejected: [
        { line: 4, text: 'nur Notiz', reason: 'no_email' },
        { line: 5, text: 'Falsch Fe fe@ de', reason: 'invalid_email' },
      ],
      duplicates: 0,
    });
  });

  it('counts duplicates once, rejects what is not an address, and cleans names of control characters', () => {
    const parsed = parseInviteeList(
      'a@example.org\nA@EXAMPLE.ORG\nfoo@bar\n"Eve\r\nBcc: x@example.org" <eve@example.org>\n',
    );
    expect(parsed.duplicates).toBe(1);
    expect(parsed.rejected).toEqual([{ line: 3, text: 'foo@bar', reason: 'invalid_email' }]);
    expect(parsed.invitees.at(-1)).toEqual({ email: 'eve@example.org', name: 'Eve Bcc: x@example.org' });
  });

  it('cuts names at 200 characters and yields only valid, lower-case addresses for any input', () => {
    expect(parseInviteeList(`z@example.org;${'n'.repeat(10_000)}`).invitees[0]?.name).toHaveLength(200);
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const { invitees } = parseInviteeList(text);
        for (const invitee of invitees) {
          expect(invitee.email).toBe(invitee.email.toLowerCase());
          expect(invitee.email).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
          expect(invitee.name).not.toMatch(/\p{Cc}/u);
        }
      }),
    );
  });
});

describe('invitationState', () => {
  it('lets declined and revoked win, then the outbox state, then the state kept after outbox retention', () => {
    expect(invitationState('revoked', 'sent', 'sent')).toBe('revoked');
    expect(invitationState('declined', null, 'pending')).toBe('declined');
    expect(invitationState('active', 'sending', 'pending')).toBe('pending');
    expect(invitationState('active', 'failed', 'pending')).toBe('failed');
    expect(invitationState('active', null, 'sent')).toBe('sent');
    expect(invitationState('active', null, 'pending')).toBe('pending');
  });
});
