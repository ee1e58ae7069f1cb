import { describe, expect, it } from 'vitest';
import {
  dialInAvailable,
  icsUid,
  organizerAddress,
  passcodeMatches,
  personalJoinLink,
  phonePinChange,
  shownPhonePin,
} from './meetings-fns.js';

describe('passcodeMatches', () => {
  it('matches the exact passcode, ignoring surrounding spaces of the typed one', () => {
    expect(passcodeMatches('Sonnen-Blume7', 'Sonnen-Blume7')).toBe(true);
    expect(passcodeMatches('Sonnen-Blume7', '  Sonnen-Blume7\n')).toBe(true);
    expect(passcodeMatches('Sonnen-Blume7', 'sonnen-blume7')).toBe(false);
    expect(passcodeMatches('Sonnen-Blume7', 'Sonnen-Blume')).toBe(false);
  });

  it('never lets an empty or blank passcode match, whatever is stored', () => {
    for (const typed of [undefined, '', ' ', '\t\n']) {
      expect(passcodeMatches('Sonnen-Blume7', typed)).toBe(false);
      expect(passcodeMatches('', typed)).toBe(false);
      expect(passcodeMatches('   ', typed)).toBe(false);
    }
    expect(passcodeMatches(null, 'anything')).toBe(false);
    expect(passcodeMatches('', '')).toBe(false);
  });
});

describe('links and addresses', () => {
  it('offers dial-in only when allowed, not end-to-end encrypted, and numbers exist', () => {
    expect(dialInAvailable({ dialIn: true, e2ee: false }, [1])).toBe(true);
    expect(dialInAvailable({ dialIn: true, e2ee: true }, [1])).toBe(false);
    expect(dialInAvailable({ dialIn: false, e2ee: false }, [1])).toBe(false);
    expect(dialInAvailable({ dialIn: true, e2ee: false }, [])).toBe(false);
  });

  it('shows the meeting-wide PIN only while it is on and callers can use it', () => {
    const meeting = (settings: { dialIn?: boolean; e2ee?: boolean; phonePin?: boolean }) => ({
      settings: { dialIn: true, e2ee: false, phonePin: true, ...settings },
      phonePin: '482913',
    });
    expect(shownPhonePin(meeting({}), [1])).toBe('482913');
    expect(shownPhonePin(meeting({ phonePin: false }), [1])).toBeNull();
    expect(shownPhonePin(meeting({ e2ee: true }), [1])).toBeNull();
    expect(shownPhonePin(meeting({ dialIn: false }), [1])).toBeNull();
    expect(shownPhonePin(meeting({}), [])).toBeNull();
  });

  it('creates, keeps, renews and drops the meeting-wide PIN as the setting says', () => {
    expect(phonePinChange(null, false, false)).toBe('keep');
    expect(phonePinChange(null, true, false)).toBe('new');
    expect(phonePinChange('482913', true, false)).toBe('keep');
    expect(phonePinChange('482913', true, true)).toBe('new');
    expect(phonePinChange('482913', false, false)).toBe('clear');
    expect(phonePinChange(null, false, true)).toBe('refused');
    expect(phonePinChange('482913', false, true)).toBe('refused');
  });

  it('builds personal links and UIDs from the base URL', () => {
    expect(personalJoinLink('https://treff.example/', 'abc_DEF-123')).toBe(
      'https://treff.example/j/abc_DEF-123',
    );
    expect(icsUid('7f1c', 'https://treff.example:8443/x')).toBe('7f1c@treff.example');
  });

  it('uses MAIL_FROM as organizer when it is a full address, else a reserved undeliverable one', () => {
    expect(organizerAddress('Treffpunkt <noreply@treff.example>')).toBe('noreply@treff.example');
    expect(organizerAddress('noreply@treff.example')).toBe('noreply@treff.example');
    expect(organizerAddress('Treffpunkt <treffpunkt@localhost>')).toBe('noreply@treffpunkt.invalid');
  });
});
