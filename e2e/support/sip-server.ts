import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freeUdpPort } from '../../server/src/telephony/test/baresip-phone.js';
import { ApiSession, createHost, type TestHost } from './api-session.js';
import { startMailCatcher } from './mail-catcher.js';
import { freePort } from './ports.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/** The built server with its SIP gateway on loopback, a host logged in over the API: dial-in tests and bench. */
export interface SipServer {
  server: ServerProcess;
  /** Where the mail catcher writes what the server sends. */
  mailDir: string;
  /** UDP port of the gateway on 127.0.0.1 (trunk address: calls from loopback need no password). */
  sipPort: number;
  host: TestHost;
  /** The host's API session. */
  session: ApiSession;
  /** Stops the server and the mail catcher and deletes the work folder. */
  close(): Promise<void>;
}

export interface SipServerOptions {
  /** Prefix of the temporary work folder. */
  name: string;
  /** Janus's RTP_PORT_RANGE and the gateway's SIP_RTP_PORTS (must not overlap), plus any other variables. */
  env: { RTP_PORT_RANGE: string; SIP_RTP_PORTS: string } & Record<string, string>;
  host: { organisation: string; host: string; email: string };
}

/**
 * A server of its own (data folder, Janus, SMTP catcher) with SIP_ENABLED on a free loopback port, one dial-in
 * number in the instance settings (invitations carry the personal PIN only then) and a host account.
 */
export async function startSipServer(options: SipServerOptions): Promise<SipServer> {
  const work = await mkdtemp(path.join(os.tmpdir(), options.name));
  const mailDir = path.join(work, 'mail');
  const smtpPort = await freePort();
  const mail = await startMailCatcher(mailDir, smtpPort);
  const sipPort = await freeUdpPort();
  const server = await startServerProcess({
    PORT: String(await freePort()),
    DATA_DIR: path.join(work, 'data'),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    ICE_ENFORCE_LIST: 'lo',
    SIP_ENABLED: 'true',
    SIP_HOST: '127.0.0.1',
    SIP_PORT: String(sipPort),
    SIP_TRUNK_ADDRESSES: '127.0.0.1',
    ...options.env,
  });
  // The first admin's login is printed once, shortly after the server is healthy.
  const deadline = Date.now() + 10_000;
  while (!server.output.join('').includes('Passwort:') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const printed = server.output.join('');
  const adminEmail = /E-Mail:\s+(\S+)/.exec(printed)?.[1] ?? '';
  const adminPassword = /Passwort:\s+(\S+)/.exec(printed)?.[1] ?? '';
  const admin = new ApiSession(server.url);
  await admin.login(adminEmail, adminPassword);
  await admin.request('PUT', '/api/admin/settings', {
    dialInNumbers: [{ label: 'Berlin', number: '+49 30 1234567' }],
  });
  const host = await createHost({ baseUrl: server.url, mailDir, adminEmail, adminPassword }, options.host);
  const session = new ApiSession(server.url);
  await session.login(host.email, host.password);
  return {
    server,
    mailDir,
    sipPort,
    host,
    session,
    async close() {
      await server.stop();
      await mail.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}
