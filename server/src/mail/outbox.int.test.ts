import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.js';
import { createOrganisation, createUser } from '../test/factories.js';
import { createTestApp, type TestApp } from '../test/test-app.js';
import { createTestDatabase } from '../test/test-database.js';
import { createSmtpTransport } from './mail-transport.js';

interface FakeSmtp {
  url: string;
  /** When each DATA command arrived (ms), accepted or not. */
  attempts: number[];
  received: Array<{ to: string[]; raw: string }>;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that rejects the first `rejectFirst` messages with `rejectCode`. */
async function startSmtp(options: { rejectFirst?: number; rejectCode?: number } = {}): Promise<FakeSmtp> {
  const attempts: number[] = [];
  const received: FakeSmtp['received'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        attempts.push(Date.now());
        const to = session.envelope.rcptTo.map((address: SMTPServerAddress) => address.address);
        if (attempts.length <= (options.rejectFirst ?? 0)) {
          // The reply quotes the address, as real servers do: it must not reach logs or the outbox's error column.
          callback(
            Object.assign(new Error(`Mailbox ${to.join(',')} busy, try later`), {
              responseCode: options.rejectCode ?? 451,
            }),
          );
          return;
        }
        received.push({ to, raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    attempts,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error('timed out waiting');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const realClock = () => new Date();
const fastRetries = { baseDelayMs: 200, maxDelayMs: 2_000, pollIntervalMs: 20, maxAttempts: 5 };

describe('mail outbox', () => {
  let database: DatabaseHandle;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup();
    }
  });
  afterAll(() => database.close());

  async function app(options: Parameters<typeof createTestApp>[0]): Promise<TestApp> {
    const started = await createTestApp({ database, now: realClock, ...options });
    cleanups.push(() => started.close());
    return started;
  }
  async function smtp(options: Parameters<typeof startSmtp>[0] = {}): Promise<FakeSmtp> {
    const started = await startSmtp(options);
    cleanups.push(() => started.close());
    return started;
  }
  async function inviteAsAdmin(t: TestApp, email: string) {
    const admin = await createUser(database.db, { role: 'platform_admin', now: new Date() });
    const organisation = await createOrganisation(database.db, { now: new Date() });
    const client = t.client();
    await client.login(admin.email, admin.password);
    const started = Date.now();
    const response = await client.post('/api/admin/hosts', {
      email,
      name: 'Mia Mail',
      organisationIds: [organisation.id],
    });
    return { response, elapsedMs: Date.now() - started, client, organisation };
  }
  const outboxRow = (recipient: string) =>
    database.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('recipient', '=', recipient)
      .executeTakeFirstOrThrow();

  it('retries a failing SMTP server with exponential backoff without holding up the request', async () => {
    const server = await smtp({ rejectFirst: 2 });
    const t = await app({ mailTransport: createSmtpTransport(server.url), outboxPolicy: fastRetries });
    const { response } = await inviteAsAdmin(t, 'retry@example.org');
    expect(response.statusCode).toBe(201);
    // Answered before the mail got through: the request only wrote the outbox row.
    expect(server.received).toHaveLength(0);

    await until(() => server.received.length === 1);
    const [first, second, third] = server.attempts;
    expect(second! - first!).toBeGreaterThanOrEqual(180);
    expect(third! - second!).toBeGreaterThanOrEqual(380);
    expect(server.received[0]!.to).toEqual(['retry@example.org']);
    expect(server.received[0]!.raw).toContain('text/html');
    expect(server.received[0]!.raw).toContain('/account/setup#token=');

    await until(async () => (await outboxRow('retry@example.org')).status === 'sent');
    const row = await outboxRow('retry@example.org');
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 3,
      text_body: null,
      html_body: null,
      last_error: null,
    });
    expect(t.logs.join('')).toContain('will retry');
    expect(t.logs.join('')).not.toContain('retry@example.org');
  });

  it('keeps mail committed with its action across a restart, and none for an action that failed', async () => {
    const before = await app({});
    const { response, client } = await inviteAsAdmin(before, 'restart@example.org');
    expect(response.statusCode).toBe(201);
    const refused = await client.post('/api/admin/hosts', {
      email: 'never@example.org',
      name: 'Nie',
      organisationIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(refused.statusCode).toBe(400);
    expect((await outboxRow('restart@example.org')).status).toBe('pending');
    await before.close();

    const server = await smtp();
    await app({ mailTransport: createSmtpTransport(server.url), outboxPolicy: fastRetries });
    await until(() => server.received.some((mail) => mail.to.includes('restart@example.org')));
    await until(async () => (await outboxRow('restart@example.org')).status === 'sent');
    const never = await database.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('recipient', '=', 'never@example.org')
      .execute();
    expect(never).toHaveLength(0);
  });

  it('gives up on a permanent rejection at once and after maxAttempts on temporary ones, keeping addresses out of logs', async () => {
    const permanent = await smtp({ rejectFirst: 100, rejectCode: 550 });
    const t = await app({
      mailTransport: createSmtpTransport(permanent.url),
      outboxPolicy: { ...fastRetries, baseDelayMs: 20, maxAttempts: 3 },
    });
    await inviteAsAdmin(t, 'bounce@example.org');
    await until(async () => (await outboxRow('bounce@example.org')).status === 'failed');
    const row = await outboxRow('bounce@example.org');
    expect(row).toMatchObject({ attempts: 1, text_body: null, html_body: null });
    expect(row.last_error).toContain('[email]');
    expect(row.last_error).not.toContain('bounce@example.org');
    await t.close();

    const temporary = await smtp({ rejectFirst: 100, rejectCode: 451 });
    const again = await app({
      mailTransport: createSmtpTransport(temporary.url),
      outboxPolicy: { ...fastRetries, baseDelayMs: 20, maxAttempts: 3 },
    });
    await inviteAsAdmin(again, 'busy@example.org');
    await until(async () => (await outboxRow('busy@example.org')).status === 'failed');
    expect(await outboxRow('busy@example.org')).toMatchObject({ attempts: 3 });
    const logs = [...t.logs, ...again.logs].join('');
    expect(logs).toContain('mail failed for good');
    expect(logs).not.toMatch(/(bounce|busy)@example\.org/);
  });

  it('does not show message bodies to admins once a mail server is configured', async () => {
    const server = await smtp();
    const t = await app({ mailTransport: createSmtpTransport(server.url), outboxPolicy: fastRetries });
    const { client } = await inviteAsAdmin(t, 'private@example.org');
    const row = await outboxRow('private@example.org');
    const response = await client.get(`/api/admin/outbox/${row.id}`);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: 'mailbox_unavailable' });
  });
});
