import { describe, expect, it } from 'vitest';
import { parseDigest } from './digest-fns.js';
import {
  authorizationFor,
  chooseChallenge,
  grantedExpires,
  refreshAfterSeconds,
  retryAfterSeconds,
} from './registration-fns.js';
import type { SipResponse } from './sip-message.js';

const response = (status: number, headers: [string, string][]): SipResponse => ({
  kind: 'response',
  status,
  reason: '',
  headers: headers.map(([name, value]) => ({ name, value })),
  body: Buffer.alloc(0),
});

describe('chooseChallenge', () => {
  it('takes SHA-256 before MD5, and answers a 407 with Proxy-Authorization', () => {
    const challenge = chooseChallenge(
      response(407, [
        ['Proxy-Authenticate', 'Digest realm="p", nonce="a", algorithm=MD5, qop="auth"'],
        [
          'Proxy-Authenticate',
          'Digest realm="p", nonce="b", algorithm=SHA-256, qop="auth,auth-int", stale=TRUE',
        ],
      ]),
    );
    expect(challenge).toMatchObject({
      header: 'Proxy-Authorization',
      nonce: 'b',
      algorithm: 'SHA-256',
      qopAuth: true,
      stale: true,
    });
  });

  it('ignores what it cannot answer (Basic, unknown algorithms, no nonce)', () => {
    expect(
      chooseChallenge(
        response(401, [
          ['WWW-Authenticate', 'Basic realm="p"'],
          ['WWW-Authenticate', 'Digest realm="p", nonce="a", algorithm=SHA-512-256'],
          ['WWW-Authenticate', 'Digest realm="p"'],
        ]),
      ),
    ).toBeUndefined();
  });
});

describe('authorizationFor', () => {
  const identity = { authUser: 'user "x"', password: 'pw' };
  const request = { method: 'REGISTER', uri: 'sip:sip.provider.example' };

  it('writes qop, nc, cnonce and the opaque back when the challenge offered qop=auth', () => {
    const value = authorizationFor(
      {
        header: 'Authorization',
        realm: 'p',
        nonce: 'n',
        opaque: 'o',
        algorithm: 'MD5',
        qopAuth: true,
        stale: false,
      },
      identity,
      request,
      { nc: 1, cnonce: 'c' },
    );
    const fields = parseDigest(value);
    expect(fields?.get('username')).toBe('user "x"');
    expect(fields?.get('nc')).toBe('00000001');
    expect(fields?.get('qop')).toBe('auth');
    expect(fields?.get('opaque')).toBe('o');
    expect(fields?.get('uri')).toBe('sip:sip.provider.example');
  });

  it('leaves qop out for a challenge without it (RFC 2069)', () => {
    const value = authorizationFor(
      {
        header: 'Authorization',
        realm: 'p',
        nonce: 'n',
        opaque: undefined,
        algorithm: 'MD5',
        qopAuth: false,
        stale: false,
      },
      identity,
      request,
      { nc: 1, cnonce: 'c' },
    );
    expect(value).not.toMatch(/qop|nc=|cnonce|opaque/);
  });
});

describe('grantedExpires', () => {
  const contact = 'sip:4930123@192.0.2.5:5060';

  it("reads our own Contact's expires among others, then the Expires header, then what was asked", () => {
    expect(
      grantedExpires(
        response(200, [
          [
            'Contact',
            '<sip:other@198.51.100.1>;expires=30, "Tp" <sip:4930123@192.0.2.5:5060;transport=udp>;expires=300',
          ],
          ['Expires', '900'],
        ]),
        contact,
        600,
      ),
    ).toBe(300);
    expect(grantedExpires(response(200, [['Expires', '900']]), contact, 600)).toBe(900);
    expect(grantedExpires(response(200, []), contact, 600)).toBe(600);
  });
});

describe('timing', () => {
  it('refreshes at 90 %, at least 30 s early, never sooner than 5 s', () => {
    expect(refreshAfterSeconds(3600)).toBe(3240);
    expect(refreshAfterSeconds(120)).toBe(90);
    expect(refreshAfterSeconds(20)).toBe(5);
  });

  it('backs off after failures up to every 10 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(retryAfterSeconds)).toEqual([30, 60, 120, 300, 600, 600, 600]);
  });
});
