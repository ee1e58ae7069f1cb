import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl, scrubText } from './logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('redactUrl', () => {
  it('drops query strings and hides token-like path segments and emails', () => {
    expect(redactUrl('/j/3q2-AbCdEfGhIjKlMnOpQrSt?email=a@b.de')).toBe('/j/:redacted');
    expect(redactUrl('/api/users/anna@example.org')).toBe('/api/users/:redacted');
    expect(redactUrl('/api/meetings/42/chat')).toBe('/api/meetings/42/chat');
    expect(redactUrl('/api/calendar/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde.ics')).toBe(
      '/api/calendar/:redacted',
    );
    expect(redactUrl('/assets/index.js')).toBe('/assets/index.js');
  });
});

describe('logger', () => {
  it('keeps IPs, headers, emails and tokens out of request logs', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        req: {
          id: 'r1',
          method: 'GET',
          url: '/j/AbCdEfGhIjKlMnOpQrStUv?x=1',
          remoteAddress: '203.0.113.9',
          headers: { cookie: 'tp_session=secret-cookie' },
        },
      },
      'incoming request',
    );
    logger.info({ user: { email: 'anna@example.org', token: 'tok-123456' } }, 'user event');
    const output = lines.join('\n');
    expect(output).toContain('"method":"GET"');
    for (const secret of [
      '203.0.113.9',
      'secret-cookie',
      'AbCdEfGhIjKlMnOpQrStUv',
      'anna@example.org',
      'tok-123456',
    ]) {
      expect(output).not.toContain(secret);
    }
  });
});

describe('scrubText', () => {
  it('removes emails and IP addresses from driver messages', () => {
    expect(scrubText('Key (email)=(anna@example.org) already exists; peer 192.0.2.4 / 2001:db8::1')).toBe(
      'Key (email)=([email]) already exists; peer [ip] / [ip]',
    );
  });
});
