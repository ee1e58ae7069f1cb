import { describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { digestResponse, parseDigest } from './digest-fns.js';
import { ProviderRegistration } from './registration.js';
import { headerValue, type SipRequest, type SipResponse, type SipSource } from './sip-message.js';

const identity = {
  registrarUri: 'sip:sip.provider.example',
  aor: 'sip:4930123@sip.provider.example',
  contact: 'sip:4930123@192.0.2.5:5060',
  authUser: '4930123',
  password: 'provider secret',
};

const response = (status: number, reason: string, headers: [string, string][] = []): SipResponse => ({
  kind: 'response',
  status,
  reason,
  headers: headers.map(([name, value]) => ({ name, value })),
  body: Buffer.alloc(0),
});

/** Whether the request carries a digest answer computed with `password` (what a registrar checks). */
function answeredWith(request: SipRequest, password: string): boolean {
  const fields = parseDigest(headerValue(request, 'Authorization') ?? '');
  if (!fields) {
    return false;
  }
  const qop = fields.get('qop');
  const expected = digestResponse({
    algorithm: fields.get('algorithm') === 'SHA-256' ? 'SHA-256' : 'MD5',
    user: fields.get('username') ?? '',
    realm: fields.get('realm') ?? '',
    password,
    method: request.method,
    uri: fields.get('uri') ?? '',
    nonce: fields.get('nonce') ?? '',
    ...(qop === 'auth' ? { nc: fields.get('nc') ?? '', cnonce: fields.get('cnonce') ?? '' } : {}),
  });
  return fields.get('response') === expected && fields.get('uri') === identity.registrarUri;
}

/**
 * A registrar as a scripted peer of the real `exchange` interface: challenges every request without
 * credentials, accepts the right password, and records what it was sent.
 */
function fakeRegistrar(options: { password: string; grant?: number; minExpires?: number }) {
  const sent: SipRequest[] = [];
  const destinations: SipSource[] = [];
  const exchange = (request: SipRequest, destination: SipSource): Promise<SipResponse | undefined> => {
    sent.push(request);
    destinations.push(destination);
    const expires = Number(headerValue(request, 'Expires'));
    if (!headerValue(request, 'Authorization')) {
      return Promise.resolve(
        response(401, 'Unauthorized', [
          [
            'WWW-Authenticate',
            'Digest realm="provider", nonce="n-1", algorithm=MD5, qop="auth", opaque="o-1"',
          ],
        ]),
      );
    }
    if (!answeredWith(request, options.password)) {
      return Promise.resolve(
        response(401, 'Unauthorized', [
          ['WWW-Authenticate', 'Digest realm="provider", nonce="n-2", qop="auth"'],
        ]),
      );
    }
    if (options.minExpires !== undefined && expires !== 0 && expires < options.minExpires) {
      return Promise.resolve(
        response(423, 'Interval Too Brief', [['Min-Expires', String(options.minExpires)]]),
      );
    }
    const granted = expires === 0 ? 0 : Math.min(expires, options.grant ?? expires);
    return Promise.resolve(
      response(200, 'OK', [
        ['Contact', `<${identity.contact}>;expires=${granted}, <sip:other@198.51.100.1>;expires=9`],
      ]),
    );
  };
  return { sent, destinations, exchange };
}

function registration(exchange: ReturnType<typeof fakeRegistrar>['exchange'], expires = 600) {
  const addresses: string[] = [];
  const lines: string[] = [];
  const stream = { write: (line: string) => lines.push(line) };
  const subject = new ProviderRegistration({
    identity,
    registrar: { host: 'sip.provider.example', port: 5060 },
    expires,
    via: () => `SIP/2.0/UDP 192.0.2.5:5060;branch=z9hG4bK${Math.random().toString(36).slice(2)};rport`,
    exchange,
    onAddress: (address) => addresses.push(address),
    logger: createLogger('info', stream),
    resolve: () => Promise.resolve('203.0.113.7'),
    // One "second" is one millisecond here.
    scale: 1,
  });
  return { subject, addresses, lines };
}

const until = async (condition: () => boolean): Promise<void> => {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met within 2 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

describe('ProviderRegistration', () => {
  it('answers the digest challenge, registers, trusts the registrar address and refreshes in time', async () => {
    const registrar = fakeRegistrar({ password: identity.password, grant: 120 });
    const { subject, addresses, lines } = registration(registrar.exchange);
    subject.start();
    await until(() => subject.state.status === 'registered');
    expect(registrar.sent.map((request) => headerValue(request, 'Authorization') !== undefined)).toEqual([
      false,
      true,
    ]);
    expect(headerValue(registrar.sent[1]!, 'Authorization')).toContain('opaque="o-1"');
    expect(registrar.destinations[0]).toEqual({ address: '203.0.113.7', port: 5060 });
    expect(addresses).toEqual(['203.0.113.7']);
    // 120 s granted: refreshed at 90 s, with the same Call-ID and a higher CSeq.
    await until(() => registrar.sent.length >= 4);
    const callIds = new Set(registrar.sent.map((request) => headerValue(request, 'Call-ID')));
    expect(callIds.size).toBe(1);
    const cseqs = registrar.sent.map((request) => Number.parseInt(headerValue(request, 'CSeq') ?? '', 10));
    expect(cseqs).toEqual([...cseqs].sort((a, b) => a - b));
    expect(new Set(cseqs).size).toBe(cseqs.length);
    expect(lines.join('')).toContain('registered with the SIP provider');
    expect(lines.join('')).not.toContain(identity.password);
    await subject.stop();
    expect(headerValue(registrar.sent.at(-1)!, 'Expires')).toBe('0');
    expect(answeredWith(registrar.sent.at(-1)!, identity.password)).toBe(true);
    expect(subject.state.status).toBe('stopped');
  });

  it('reports a wrong password as a failure, tells the operator, and backs off instead of hammering', async () => {
    const registrar = fakeRegistrar({ password: 'the real one' });
    const { subject, lines } = registration(registrar.exchange);
    subject.start();
    await until(() => subject.state.status === 'failing');
    expect(subject.state).toMatchObject({ status: 'failing', reason: '401 Unauthorized' });
    // Exactly two requests per attempt: without and with credentials (no loop on a second 401).
    expect(registrar.sent).toHaveLength(2);
    expect(lines.join('')).toContain('registration with the SIP provider failed');
    expect(lines.join('')).not.toContain('the real one');
    await until(() => registrar.sent.length >= 4);
    await subject.stop();
    const sentAfterStop = registrar.sent.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(registrar.sent).toHaveLength(sentAfterStop);
  });

  it('asks again with the interval a 423 demands', async () => {
    const registrar = fakeRegistrar({ password: identity.password, minExpires: 1800 });
    const { subject } = registration(registrar.exchange, 300);
    subject.start();
    await until(() => subject.state.status === 'registered');
    expect(registrar.sent.map((request) => headerValue(request, 'Expires'))).toEqual([
      '300',
      '300',
      '1800',
      '1800',
    ]);
    await subject.stop(10);
  });

  it('counts a registrar that never answers as a failure', async () => {
    const { subject } = registration(() => Promise.resolve(undefined));
    subject.start();
    await until(() => subject.state.status === 'failing');
    expect(subject.state).toMatchObject({ reason: 'no answer' });
    await subject.stop();
  });
});
