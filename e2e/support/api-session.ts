import { findLink, waitForMail } from './mail.js';

/**
 * A logged-in API session for setting up test data quickly (no browser): the session cookie and CSRF token as
 * the web app keeps them, and `Origin` as a browser sends it (docs/api/accounts.md).
 */
export class ApiSession {
  private cookie = '';
  private csrfToken = '';

  constructor(readonly baseUrl: string) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        origin: new URL(this.baseUrl).origin,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie === '' ? {} : { cookie: this.cookie }),
        ...(this.csrfToken === '' || method === 'GET' ? {} : { 'x-csrf-token': this.csrfToken }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      this.cookie = setCookie.split(';')[0] ?? '';
    }
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path} → ${response.status} ${text}`);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  async login(email: string, password: string): Promise<void> {
    const me = await this.request<{ csrfToken: string }>('POST', '/api/auth/login', { email, password });
    this.csrfToken = me.csrfToken;
  }
}

export interface TestHost {
  email: string;
  name: string;
  password: string;
  organisationId: string;
  organisationName: string;
}

/**
 * The admin creates an organisation and invites a host to it; the host sets a password through the link in the
 * mail (as in accounts.e2e.ts, but over HTTP, so tests about meetings start fast).
 */
export async function createHost(
  options: { baseUrl: string; mailDir: string; adminEmail: string; adminPassword: string },
  names: {
    organisation: string;
    host: string;
    email: string;
    /** Join this one instead of making one. */ organisationId?: string;
  },
): Promise<TestHost> {
  const admin = new ApiSession(options.baseUrl);
  await admin.login(options.adminEmail, options.adminPassword);
  const organisation =
    names.organisationId !== undefined
      ? { id: names.organisationId }
      : await admin.request<{ id: string }>('POST', '/api/admin/organisations', { name: names.organisation });
  await admin.request('POST', '/api/admin/hosts', {
    email: names.email,
    name: names.host,
    organisationIds: [organisation.id],
  });
  const mail = await waitForMail(options.mailDir, (candidate) => candidate.to.includes(names.email));
  const token = /#token=([A-Za-z0-9_-]+)/.exec(findLink(mail, '/account/setup#token=') ?? '')?.[1] ?? '';
  const password = 'Mein Hund mag gelbe Bälle 7';
  await new ApiSession(options.baseUrl).request('POST', '/api/auth/setup', { token, password });
  return {
    email: names.email,
    name: names.host,
    password,
    organisationId: organisation.id,
    organisationName: names.organisation,
  };
}
