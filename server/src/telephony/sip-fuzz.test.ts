import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAudioSdp } from './sdp-fns.js';
import { buildResponse, serializeSipMessage } from './sip-build-fns.js';
import { parseSipMessage } from './sip-parse-fns.js';

/**
 * Property tests: whatever arrives, the parser returns (never throws), and a rejected request is either
 * answerable with a well-formed 400 or dropped.
 */
const valid = [
  'INVITE sip:dialin@192.0.2.1 SIP/2.0',
  'Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bKabc;rport',
  'From: "Erika" <sip:+4930123@198.51.100.7>;tag=1928',
  'To: <sip:dialin@192.0.2.1>',
  'Call-ID: a84b4c76e66710',
  'CSeq: 314159 INVITE',
  'Contact: <sip:+4930123@198.51.100.7:5060>',
  'Content-Type: application/sdp',
  'Content-Length: 100',
  '',
  'v=0\r\no=- 1 1 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\nm=audio 30000 RTP/AVP 8 101\r\n',
].join('\r\n');

const sipTokens = [
  'SIP/2.0',
  'INVITE',
  'Via:',
  'v:',
  ';branch=z9hG4bK',
  '\r\n',
  '\r\n\r\n',
  ' ',
  ':',
  ';',
  ',',
  '<',
  '>',
  '"',
  'Content-Length: 9999',
  'CSeq: 1 INVITE',
  '\u0000',
  '\t',
];

function mutate(base: string, cuts: { at: number; remove: number; insert: string }[]): string {
  let text = base;
  for (const cut of cuts) {
    const at = cut.at % (text.length + 1);
    text = text.slice(0, at) + cut.insert + text.slice(at + cut.remove);
  }
  return text;
}

const mutation = fc.record({
  at: fc.nat(2000),
  remove: fc.nat(20),
  insert: fc.oneof(fc.constantFrom(...sipTokens), fc.string({ maxLength: 8 }), fc.constant('')),
});

function checkParse(datagram: Buffer): void {
  const result = parseSipMessage(datagram);
  if (result.ok || !result.request) {
    return;
  }
  // Answerable: the 400 we would send is itself a readable response.
  const response = serializeSipMessage(
    buildResponse(result.request, 400, { reason: result.reason, toTag: 't' }),
  );
  const reread = parseSipMessage(response);
  expect(reread.ok && reread.message.kind === 'response' && reread.message.status).toBe(400);
}

describe('SIP parser against malformed input', () => {
  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 9000 }), (bytes) => {
        checkParse(Buffer.from(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on truncated messages, and answers or drops each', () => {
    fc.assert(
      fc.property(fc.nat(valid.length), (length) => {
        checkParse(Buffer.from(valid.slice(0, length)));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on mutated messages', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (cuts) => {
        checkParse(Buffer.from(mutate(valid, cuts)));
      }),
      { numRuns: 5000 },
    );
  });

  it('never throws on mutated or random SDP bodies', () => {
    const sdp = valid.split('\r\n\r\n')[1]!;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(mutation, { maxLength: 6 }).map((cuts) => mutate(sdp, cuts)),
          fc.string({ maxLength: 5000 }),
        ),
        (text) => {
          const result = parseAudioSdp(text);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 3000 },
    );
  });
});
