// A server of its own for tests and benchmarks that kill it, restart it or load it: its own data folder, Janus on
// its own RTP ports, a mail catcher, and one host account made over the HTTP API the way an admin would.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApiSession, createHost, type TestHost } from './api-session.js';
import { startMailCatcher } from './mail-catcher.js';
import { freePort } from './ports.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

export interface OwnServerOptions {
  /** Prefix of the temporary work folder, e.g. `tp-chat-`. */
  workPrefix: string;
  /** Janus's RTP ports, apart from those of the shared e2e server and of the other own servers. */
  rtpPorts: string;
  organisation: string;
  host: string;
  email: string;
  /** More environment for the server (e.g. SIP_ENABLED and its ports). */
  env?: Record<string, string>;
  /** Done with the first admin's session before the host is made (e.g. instance settings). */
  prepare?: (admin: ApiSession) => Promise<void>;
}

export interface OwnServer {
  server: ServerProcess;
  /** The environment it was started with: pass it to `startServerProcess` again to restart it as systemd would. */
  env: Record<string, string>;
  work: string;
  mailDir: string;
  /** The host's account and organisation. */
  host: TestHost;
  /** The host, logged in. */
  session: ApiSession;
  close(): Promise<void>;
}

/** The first start prints the first admin's login once (server/src/main.ts), just after it starts answering. */
async function firstLogin(server: ServerProcess): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (!server.output.join('').includes('Passwort:') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return server.output.join('');
}

export async function startOwnServer(options: OwnServerOptions): Promise<OwnServer> {
  const work = await mkdtemp(path.join(os.tmpdir(), options.workPrefix));
  const mailDir = path.join(work, 'mail');
  const smtpPort = await freePort();
  const mail = await startMailCatcher(mailDir, smtpPort);
  const env = {
    PORT: String(await freePort()),
    DATA_DIR: path.join(work, 'data'),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    ICE_ENFORCE_LIST: 'lo',
    RTP_PORT_RANGE: options.rtpPorts,
    ...options.env,
  };
  let server: ServerProcess | undefined;
  const cleanUp = async () => {
    await server?.stop();
    await mail.close();
    await rm(work, { recursive: true, force: true });
  };
  try {
    server = await startServerProcess(env);
    const printed = await firstLogin(server);
    const adminEmail = /E-Mail:\s+(\S+)/.exec(printed)?.[1] ?? '';
    const adminPassword = /Passwort:\s+(\S+)/.exec(printed)?.[1] ?? '';
    if (options.prepare) {
      const admin = new ApiSession(server.url);
      await admin.login(adminEmail, adminPassword);
      await options.prepare(admin);
    }
    const host = await createHost(
      { baseUrl: server.url, mailDir, adminEmail, adminPassword },
      { organisation: options.organisation, host: options.host, email: options.email },
    );
    const session = new ApiSession(server.url);
    await session.login(host.email, host.password);
    const own: OwnServer = {
      server,
      env,
      work,
      mailDir,
      host,
      session,
      // A test may have replaced `server` after a restart; stop whichever runs now.
      close: async () => {
        server = own.server;
        await cleanUp();
      },
    };
    return own;
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
