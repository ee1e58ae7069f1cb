import { describe, expect, it } from 'vitest';
import { parseAdminArgs } from './admin-args.js';

describe('parseAdminArgs', () => {
  it('reads create-admin with a normalised email and an optional name', () => {
    expect(parseAdminArgs(['create-admin', '--email', ' Anna@Example.ORG '])).toEqual({
      command: 'create-admin',
      email: 'anna@example.org',
      name: 'Admin',
    });
    expect(parseAdminArgs(['create-admin', '--email', 'a@b.de', '--name', 'Anna Beispiel'])).toMatchObject({
      name: 'Anna Beispiel',
    });
  });

  it('shows help without a command and refuses bad input', () => {
    expect(parseAdminArgs([])).toEqual({ command: 'help' });
    expect(() => parseAdminArgs(['create-admin'])).toThrow(/email/);
    expect(() => parseAdminArgs(['create-admin', '--email', 'not-an-email'])).toThrow(/email/);
    expect(() => parseAdminArgs(['delete-everything'])).toThrow(/Unknown command/);
  });
});
