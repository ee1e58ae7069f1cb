import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../config/config.js';
import type { DatabaseHandle } from '../db/database.js';
import {
  startAccounts,
  type AccountsDeps,
  type AccountsModule,
} from '../features/accounts/accounts-wiring.js';
import { startMeetings, type MeetingsModule } from '../features/meetings/meetings-wiring.js';
import { buildApp } from '../http/app.js';
import { createLogger } from '../lib/logger.js';
import { createTestDatabase } from './test-database.js';

/**
 * A clock tests move by hand; every expiry in the accounts feature is measured with it. Each reading is 1 ms
 * after the last, so that rows written one after another have distinct, ordered times.
 */
export interface TestClock {
  now: () => Date;
  advance: (ms: number) => void;
}

export function createTestClock(start = new Date('2030-03-04T09:00:00Z')): TestClock {
  let time = start.getTime();
  return {
    now: () => new Date((time += 1)),
    advance: (ms) => {
      time += ms;
    },
  };
}

export const testBaseUrl = 'http://localhost:8080';

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  accounts: AccountsModule;
  meetings: MeetingsModule;
  config: Config;
  clock: TestClock;
  /** Every log line the app wrote (JSON), for asserting what must never be logged. */
  logs: string[];
  /** A browser-like client: keeps the session cookie and sends Origin and the CSRF token. */
  client(): TestClient;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Defaults to a manual clock; pass `() => new Date()` where real timers (mail retries) must line up. */
  now?: () => Date;
  mailTransport?: AccountsDeps['mailTransport'];
  outboxPolicy?: AccountsDeps['outboxPolicy'];
  /** Share a database between apps, e.g. to "restart"; closed by whoever created it. */
  database?: DatabaseHandle;
}

/** Accounts and meetings routes in the real HTTP app on a fresh real database (PGlite or TEST_DATABASE_URL). */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const clock = createTestClock();
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger('debug', stream);
  const config = loadConfig({
    BASE_URL: testBaseUrl,
    SEED_DEMO: 'false',
    // A fixed key: nothing is written into the working directory.
    SECRET_KEY: 'dGVzdC1vbmx5LXNlY3JldC1rZXktMzItYnl0ZXMtISE',
    ...options.env,
  });
  const accounts = await startAccounts({
    db: database.db,
    config,
    logger,
    now: options.now ?? clock.now,
    ...(options.mailTransport ? { mailTransport: options.mailTransport } : {}),
    ...(options.outboxPolicy ? { outboxPolicy: options.outboxPolicy } : {}),
  });
  const meetings = startMeetings({
    db: database.db,
    config,
    logger,
    auth: accounts.auth,
    now: options.now ?? clock.now,
  });
  const app = await buildApp({
    logger,
    trustProxy: false,
    secureCookies: config.cookieSecure,
    webRoot: undefined,
    features: [...accounts.routes, ...meetings.routes],
  });
  return {
    app,
    database,
    accounts,
    meetings,
    config,
    clock,
    logs,
    client: () => new TestClient(app),
    close: async () => {
      await app.close();
      await meetings.close();
      await accounts.close();
      if (!options.database) {
        await database.close();
      }
    },
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class TestClient {
  cookie: string | undefined;
  csrfToken: string | undefined;
  /** Origin sent with requests; null sends none. */
  origin: string | null = testBaseUrl;
  remoteAddress = '192.0.2.10';

  constructor(private readonly app: FastifyInstance) {}

  async request(
    method: Method,
    url: string,
    payload?: unknown,
    extra: { headers?: Record<string, string>; csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (this.origin !== null) {
      headers.origin = this.origin;
    }
    if (this.cookie) {
      headers.cookie = this.cookie;
    }
    if (this.csrfToken && extra.csrf !== false && method !== 'GET') {
      headers['x-csrf-token'] = this.csrfToken;
    }
    Object.assign(headers, extra.headers);
    const options: InjectOptions = { method, url, headers, remoteAddress: this.remoteAddress };
    if (payload !== undefined) {
      options.payload = payload as InjectOptions['payload'];
    }
    const response = await this.app.inject(options);
    for (const cookie of response.cookies as Array<{
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }>) {
      const cleared =
        cookie.value === '' || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      this.cookie = cleared ? undefined : `${cookie.name}=${cookie.value}`;
    }
    return response;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, payload?: unknown, extra?: { headers?: Record<string, string>; csrf?: boolean }) =>
    this.request('POST', url, payload ?? {}, extra);
  patch = (url: string, payload: unknown) => this.request('PATCH', url, payload);
  put = (url: string, payload: unknown) => this.request('PUT', url, payload);

  /** Logs in and keeps the session cookie and CSRF token; throws unless it worked. */
  async login(email: string, password: string, extra: Record<string, string> = {}): Promise<void> {
    const response = await this.post('/api/auth/login', { email, password, ...extra });
    if (response.statusCode !== 200) {
      throw new Error(`login failed: ${response.statusCode} ${response.body}`);
    }
    this.csrfToken = response.json<{ csrfToken: string }>().csrfToken;
  }
}
