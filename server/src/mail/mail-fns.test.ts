import { describe, expect, it } from 'vitest';
import { backoffDelayMs, escapeHtml } from './mail-fns.js';
import { renderMail } from './mail-templates.js';

describe('backoffDelayMs', () => {
  it('doubles from the base delay and stops at the cap', () => {
    const policy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000 };
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, policy))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect(backoffDelayMs(12, policy)).toBe(3_600_000);
    expect(backoffDelayMs(1000, policy)).toBe(3_600_000);
  });
});

describe('escapeHtml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('renderMail', () => {
  const branding = {
    associationName: 'Selbsthilfe <Kontaktstelle> & Co',
    privacyUrl: 'https://treffen.example.org/privacy',
  };
  const link = 'https://treffen.example.org/account/setup#token=abc';

  it('writes German and English, text and HTML, with the association and the privacy link', () => {
    const de = renderMail(
      { template: 'account_setup', name: 'Anna', link, expiresInHours: 72 },
      'de',
      branding,
    );
    expect(de.subject).toBe('Ihr Zugang zu Treffpunkt bei Selbsthilfe <Kontaktstelle> & Co');
    expect(de.text).toContain('Hallo Anna,');
    expect(de.text).toContain(link);
    expect(de.text).toContain('72 Stunden');
    expect(de.text).toContain('Datenschutzhinweise: https://treffen.example.org/privacy');
    expect(de.html).toContain('<html lang="de">');
    expect(de.html).toContain('href="https://treffen.example.org/privacy"');

    const en = renderMail(
      { template: 'password_reset', name: 'Anna', link, expiresInMinutes: 60 },
      'en',
      branding,
    );
    expect(en.subject).toContain('New password');
    expect(en.text).toContain('60 minutes');
    expect(en.html).toContain('Privacy notice');
  });

  it('escapes every value in the HTML part', () => {
    const mail = renderMail(
      { template: 'password_changed', name: '<script>alert(1)</script>' },
      'en',
      branding,
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('Selbsthilfe &lt;Kontaktstelle&gt; &amp; Co');
    expect(mail.html).not.toContain('<Kontaktstelle>');
  });

  it('has every template in both languages', () => {
    for (const language of ['de', 'en'] as const) {
      for (const content of [
        { template: 'account_setup', name: 'A', link, expiresInHours: 72 },
        { template: 'password_reset', name: 'A', link, expiresInMinutes: 60 },
        { template: 'email_change_confirm', name: 'A', link, expiresInHours: 24 },
        { template: 'email_change_notice', name: 'A' },
        { template: 'password_changed', name: 'A' },
      ] as const) {
        const mail = renderMail(content, language, branding);
        expect(mail.subject.length).toBeGreaterThan(5);
        expect(mail.text.length).toBeGreaterThan(50);
      }
    }
  });
});
