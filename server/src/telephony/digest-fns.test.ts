import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  challenges,
  digestResponse,
  makeNonce,
  NONCE_LIFETIME_MS,
  parseDigest,
  verifyDigest,
} from './digest-fns.js';
import { addressAllowed, parseAddressRules } from './net-fns.js';

const secret = randomBytes(32);

function authorization(algorithm: 'MD5' | 'SHA-256', password: string, nonce: string): string {
  const response = digestResponse({
    algorithm,
    user: 'trunk',
    realm: 'treffpunkt',
    password,
    method: 'INVITE',
    uri: 'sip:dialin@192.0.2.1',
    nonce,
    nc: '00000001',
    cnonce: 'abc',
  });
  return `Digest username="trunk", realm="treffpunkt", nonce="${nonce}", uri="sip:dialin@192.0.2.1", response="${response}", algorithm=${algorithm}, qop=auth, nc=00000001, cnonce="abc"`;
}

const check = (header: string, now: number) =>
  verifyDigest({
    header,
    method: 'INVITE',
    realm: 'treffpunkt',
    user: 'trunk',
    password: 'correct horse',
    secret,
    now,
  });

describe('digest authentication', () => {
  it('accepts MD5 and SHA-256 with the right password, refuses a wrong one and foreign nonces', () => {
    const nonce = makeNonce(secret, 1000);
    expect(check(authorization('MD5', 'correct horse', nonce), 2000)).toBe('ok');
    expect(check(authorization('SHA-256', 'correct horse', nonce), 2000)).toBe('ok');
    expect(check(authorization('MD5', 'wrong', nonce), 2000)).toBe('wrong');
    expect(check(authorization('MD5', 'correct horse', makeNonce(randomBytes(32), 1000)), 2000)).toBe(
      'wrong',
    );
    expect(check(authorization('MD5', 'correct horse', nonce), 1000 + NONCE_LIFETIME_MS + 1)).toBe('stale');
    expect(check('Basic abc', 2000)).toBe('wrong');
  });

  it('offers SHA-256 before MD5', () => {
    expect(challenges('treffpunkt', 'n', false).map((value) => parseDigest(value)?.get('algorithm'))).toEqual(
      ['SHA-256', 'MD5'],
    );
  });
});

describe('trunk addresses', () => {
  it('matches addresses and CIDR blocks, IPv4 and IPv6', () => {
    const rules = parseAddressRules('192.0.2.10, 198.51.100.0/24, 2001:db8::/32')!;
    expect(addressAllowed(rules, '192.0.2.10')).toBe(true);
    expect(addressAllowed(rules, '192.0.2.11')).toBe(false);
    expect(addressAllowed(rules, '198.51.100.200')).toBe(true);
    expect(addressAllowed(rules, '::ffff:198.51.100.1')).toBe(true);
    expect(addressAllowed(rules, '2001:db8:1::5')).toBe(true);
    expect(addressAllowed(rules, '2001:db9::5')).toBe(false);
    expect(parseAddressRules('192.0.2.1/33')).toBeNull();
    expect(parseAddressRules('example.org')).toBeNull();
  });
});

describe('digestResponse (the client side, for the provider registration)', () => {
  const rfc = { user: 'Mufasa', method: 'GET', uri: '/dir/index.html', nc: '00000001' };

  it('matches the published examples of RFC 2617 (MD5) and RFC 7616 (SHA-256)', () => {
    expect(
      digestResponse({
        ...rfc,
        algorithm: 'MD5',
        realm: 'testrealm@host.com',
        password: 'Circle Of Life',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        cnonce: '0a4f113b',
      }),
    ).toBe('6629fae49393a05397450978507c4ef1');
    const rfc7616 = {
      ...rfc,
      realm: 'http-auth@example.org',
      password: 'Circle of Life',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
    };
    expect(digestResponse({ ...rfc7616, algorithm: 'MD5' })).toBe('8ca523f5e9506fed4657c9700eebdbec');
    expect(digestResponse({ ...rfc7616, algorithm: 'SHA-256' })).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
  });

  it('answers a challenge without qop in the RFC 2069 form, which the server side accepts', () => {
    const now = Date.now();
    const nonce = makeNonce(secret, now);
    const response = digestResponse({
      algorithm: 'MD5',
      user: 'trunk',
      realm: 'treffpunkt',
      password: 'correct horse',
      method: 'INVITE',
      uri: 'sip:dialin@192.0.2.1',
      nonce,
    });
    const header = `Digest username="trunk", realm="treffpunkt", nonce="${nonce}", uri="sip:dialin@192.0.2.1", response="${response}"`;
    expect(check(header, now)).toBe('ok');
  });
});
