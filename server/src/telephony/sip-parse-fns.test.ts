import { describe, expect, it } from 'vitest';
import { buildResponse, serializeSipMessage } from './sip-build-fns.js';
import { parseNameAddr, parseVia, uriUser } from './sip-header-fns.js';
import { headerValue, headerValues, type SipRequest } from './sip-message.js';
import { parseSipMessage } from './sip-parse-fns.js';

const invite = [
  'INVITE sip:dialin@192.0.2.1 SIP/2.0',
  'v: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bKabc;rport',
  'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKdef, SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKghi',
  'f: "Erika" <sip:+4930123@198.51.100.7>;tag=1928',
  't: <sip:dialin@192.0.2.1>',
  'i: a84b4c76e66710',
  'CSeq: 314159 INVITE',
  'Subject: a folded',
  '  header value',
  'm: <sip:+4930123@198.51.100.7:5060>',
  'c: application/sdp',
  'l: 4',
  '',
  'v=0\r\nEXTRA',
].join('\r\n');

describe('parseSipMessage', () => {
  it('reads a request with compact forms, folding and several Vias', () => {
    const result = parseSipMessage(Buffer.from(invite));
    expect(result.ok).toBe(true);
    const message = (result as { ok: true; message: SipRequest }).message;
    expect(message.method).toBe('INVITE');
    expect(headerValue(message, 'Call-ID')).toBe('a84b4c76e66710');
    expect(headerValue(message, 'Subject')).toBe('a folded header value');
    expect(headerValues(message, 'Via')).toHaveLength(3);
    expect(parseVia(headerValues(message, 'Via')[0]!)?.params.get('branch')).toBe('z9hG4bKabc');
    // Content-Length 4: the rest of the datagram is discarded.
    expect(message.body.toString()).toBe('v=0\r');
  });

  it('reads a response', () => {
    const result = parseSipMessage(
      Buffer.from(
        'SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n',
      ),
    );
    expect(result).toMatchObject({ ok: true, message: { kind: 'response', status: 200, reason: 'OK' } });
  });

  it.each([
    ['a truncated body', invite.replace('l: 4', 'l: 400')],
    ['a missing blank line', invite.split('\r\n\r\n')[0]!],
    ['a CSeq for another method', invite.replace('314159 INVITE', '314159 BYE')],
    ['a bad Content-Length', invite.replace('l: 4', 'l: four')],
    ['a NUL byte', invite.replace('Subject: a', 'Subject: \u0000a')],
  ])('answers 400 to %s', (_name, text) => {
    const result = parseSipMessage(Buffer.from(text));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.request?.method).toBe('INVITE');
  });

  it.each([
    ['a garbage start line', 'HELLO\r\n\r\n'],
    ['no Via', invite.replace(/^v: .*\r\n/m, '').replace(/^Via: .*\r\n/m, '')],
    ['an oversized datagram', `${invite}${'x'.repeat(9000)}`],
  ])('drops %s', (_name, text) => {
    const result = parseSipMessage(Buffer.from(text));
    expect(result).toMatchObject({ ok: false, request: undefined });
  });

  it('refuses more than 64 headers and over-long headers', () => {
    const many = invite.replace('Subject:', `${'X-A: 1\r\n'.repeat(70)}Subject:`);
    expect(parseSipMessage(Buffer.from(many))).toMatchObject({ ok: false, reason: 'Too Many Headers' });
    const long = invite.replace('Subject: a', `Subject: ${'a'.repeat(3000)}`);
    expect(parseSipMessage(Buffer.from(long))).toMatchObject({ ok: false, reason: 'Header Too Long' });
  });
});

describe('responses', () => {
  it('copies Vias, From, Call-ID and CSeq, tags To and stamps received/rport', () => {
    const result = parseSipMessage(Buffer.from(invite));
    const request = (result as { ok: true; message: SipRequest }).message;
    const response = buildResponse(request, 486, {
      toTag: 'xyz',
      source: { address: '203.0.113.5', port: 40000 },
    });
    const text = serializeSipMessage(response).toString();
    expect(text).toMatch(/^SIP\/2\.0 486 Busy Here\r\n/);
    expect(text).toContain(
      'Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bKabc;rport=40000;received=203.0.113.5',
    );
    expect(text).toContain('To: <sip:dialin@192.0.2.1>;tag=xyz');
    expect(text).toContain('CSeq: 314159 INVITE');
    expect(text).toMatch(/Content-Length: 0\r\n\r\n$/);
    // What we send, we can read.
    expect(parseSipMessage(serializeSipMessage(response)).ok).toBe(true);
  });

  it('never lets a header value break a line', () => {
    const text = serializeSipMessage({
      kind: 'response',
      status: 200,
      reason: 'OK',
      headers: [{ name: 'X-Evil', value: 'a\r\nVia: injected' }],
      body: Buffer.alloc(0),
    }).toString();
    expect(text).not.toContain('\r\nVia: injected');
  });
});

describe('header fields', () => {
  it('reads name-addr forms and the user part', () => {
    expect(parseNameAddr('"A \\"B\\"" <sip:123@h;user=phone>;tag=9')).toMatchObject({
      display: 'A "B"',
      uri: 'sip:123@h;user=phone',
    });
    expect(parseNameAddr('sip:alice@h;tag=5')?.params.get('tag')).toBe('5');
    expect(parseNameAddr('<sip:broken')).toBeNull();
    expect(uriUser('sip:%2B4930@h')).toBe('+4930');
    expect(uriUser('tel:+4930123;phone-context=x')).toBe('+4930123');
  });
});
