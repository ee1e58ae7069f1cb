import { describe, expect, it } from 'vitest';
import { afterLoginPath, homePath, isPlatformAdmin, loginPath, safeReturnPath } from './session-fns';

const admin = { roles: ['platform_admin' as const] };
const host = { roles: ['host' as const] };

describe('roles and home', () => {
  it('sends admins to the console and hosts to the dashboard', () => {
    expect(isPlatformAdmin(admin)).toBe(true);
    expect(isPlatformAdmin(host)).toBe(false);
    expect(isPlatformAdmin(undefined)).toBe(false);
    expect(homePath(admin)).toBe('/admin');
    expect(homePath(host)).toBe('/dashboard');
  });
});

describe('safeReturnPath', () => {
  it('accepts paths on this site', () => {
    expect(safeReturnPath('/profil')).toBe('/profil');
    expect(safeReturnPath('/admin/organisationen?x=1')).toBe('/admin/organisationen?x=1');
  });
  it('refuses other sites, odd input and the login and link pages', () => {
    for (const value of [
      null,
      undefined,
      '',
      'profil',
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '/a b',
      '/a\nb',
      '/anmelden',
      '/anmelden?weiter=/x',
      '/account/setup',
    ]) {
      expect(safeReturnPath(value), String(value)).toBeUndefined();
    }
  });
});

describe('loginPath / afterLoginPath', () => {
  it('carries the page to return to', () => {
    expect(loginPath('/admin/protokoll')).toBe('/anmelden?weiter=%2Fadmin%2Fprotokoll');
    expect(loginPath('//evil.example')).toBe('/anmelden');
    expect(loginPath('/')).toBe('/anmelden');
  });
  it('returns there after login, except a host to the console', () => {
    expect(afterLoginPath('?weiter=%2Fprofil', host)).toBe('/profil');
    expect(afterLoginPath('?weiter=%2Fadmin%2Fprotokoll', admin)).toBe('/admin/protokoll');
    expect(afterLoginPath('?weiter=%2Fadmin', host)).toBe('/dashboard');
    expect(afterLoginPath('?weiter=https%3A%2F%2Fevil.example', host)).toBe('/dashboard');
    expect(afterLoginPath('', admin)).toBe('/admin');
  });
});
