import { describe, expect, it } from 'vitest';
import { renderGroupDigest } from './templates-group-space.js';

const branding = { associationName: 'Treffpunkt', privacyUrl: 'https://treffpunkt.example/privacy' };
const base = {
  name: 'Ida <b>',
  title: 'Runde "1"',
  messages: [
    {
      author: 'Bernd <img src=x onerror=alert(1)>',
      text: '<script>alert(1)</script>\nZeile 2',
      at: new Date(0),
    },
    { author: 'Hanna', text: 'Rechnung\u202Etxt.exe https://example.org', at: new Date(60_000) },
  ],
  moreMessages: 3,
  timeZone: 'Europe/Berlin',
  optOutUrl: 'https://treffpunkt.example/gruppe/abbestellen#token=abc',
};

describe('renderGroupDigest', () => {
  it('quotes messages as escaped text, without images, tracking or bidi overrides', () => {
    const mail = renderGroupDigest(base, 'de', branding);
    expect(mail.text).toContain('<script>alert(1)</script>\nZeile 2');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toMatch(/<script|<img/i);
    expect(mail.text).not.toContain('\u202E');
    expect(mail.text).toContain('… und 3 weitere.');
    expect(mail.text).toContain(base.optOutUrl);
    expect(mail.html.match(/<a /g)).toHaveLength(2); // the opt-out button and the privacy link, nothing else
  });

  it('tells invitees to use their personal link and gives hosts the address of the space', () => {
    expect(renderGroupDigest(base, 'en', branding).text).toContain('personal link in your invitation');
    const host = renderGroupDigest(
      { ...base, hostSpaceUrl: 'https://treffpunkt.example/treffen/m1/gruppe' },
      'en',
      branding,
    );
    expect(host.text).toContain('https://treffpunkt.example/treffen/m1/gruppe');
    expect(host.subject).toBe('New messages in the group space: Runde "1"');
  });
});
