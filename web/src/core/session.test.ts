import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from './api-client';
import { Session } from './session';
import type { Me } from './session-fns';

const me: Me = {
  user: {
    id: 'u1',
    name: 'Anna',
    email: 'anna@example.org',
    language: 'de',
    role: 'host',
    totpEnabled: false,
  },
  roles: ['host'],
  organisations: [{ id: 'o1', name: 'Gruppe' }],
  csrfToken: 'csrf-1',
  totpEnrolmentRequired: false,
};

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** A fake server: answers by method and path; `hold(route)` keeps that route's answers back until released. */
function fakeServer(routes: Record<string, () => Response>) {
  const calls: Call[] = [];
  const held: Array<() => void> = [];
  let holding: string | undefined;
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push({
      method: init?.method ?? 'GET',
      url,
      headers: (init?.headers ?? {}) as Record<string, string>,
    });
    const key = `${init?.method ?? 'GET'} ${url}`;
    if (holding === key) {
      await new Promise<void>((resolve) => held.push(resolve));
    }
    const route = routes[key];
    return route ? route() : json(404, { error: 'not_found', message: '', requestId: 'r' });
  }) as typeof fetch;
  return {
    client: new ApiClient(fetcher),
    calls,
    hold: (key: string) => {
      holding = key;
    },
    release: () => {
      holding = undefined;
      held.splice(0).forEach((resolve) => resolve());
    },
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

describe('Session', () => {
  it('loads the user and sends the CSRF token on state-changing requests only', async () => {
    const server = fakeServer({
      'GET /api/auth/me': () => json(200, me),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    });
    const session = new Session(server.client);
    await session.load();
    expect(session.getSnapshot()).toMatchObject({ status: 'authenticated', me });
    await session.logout();
    expect(server.calls[0]?.headers['x-csrf-token']).toBeUndefined();
    expect(server.calls[1]?.headers['x-csrf-token']).toBe('csrf-1');
    expect(session.getSnapshot()).toMatchObject({ status: 'anonymous', notice: 'loggedOut' });
  });

  it('is anonymous when the server says unauthorized', async () => {
    const server = fakeServer({
      'GET /api/auth/me': () =>
        json(401, { error: 'unauthorized', message: 'Please log in.', requestId: 'r' }),
    });
    const session = new Session(server.client);
    await session.load();
    expect(session.getSnapshot()).toMatchObject({ status: 'anonymous', notice: undefined });
  });

  it('never lets an older answer undo a logout', async () => {
    const server = fakeServer({
      'GET /api/auth/me': () => json(200, me),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    });
    const session = new Session(server.client);
    await session.load();
    server.hold('GET /api/auth/me');
    const refresh = session.load(true);
    await session.logout();
    server.release();
    await refresh;
    expect(session.getSnapshot().status).toBe('anonymous');
  });

  it('ends the session when any request answers 401 unauthorized', async () => {
    const server = fakeServer({
      'GET /api/auth/me': () => json(200, me),
      'PATCH /api/profile': () => json(401, { error: 'unauthorized', message: '', requestId: 'r' }),
    });
    const session = new Session(server.client);
    await session.load();
    await expect(server.client.patch('/api/profile', { name: 'B' })).rejects.toBeInstanceOf(ApiError);
    expect(session.getSnapshot()).toMatchObject({ status: 'anonymous', notice: 'expired' });
  });

  it('reports rate limiting with the seconds to wait', async () => {
    const server = fakeServer({
      'POST /api/auth/login': () =>
        json(429, { error: 'rate_limited', message: 'Too many', requestId: 'r' }, { 'retry-after': '42' }),
    });
    const session = new Session(server.client);
    const failure = await session
      .login({ email: 'a@example.org', password: 'x' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: 42 });
    expect(session.getSnapshot().email).toBe('a@example.org');
  });
});
