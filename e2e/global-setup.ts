import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startMailCatcher } from './support/mail-catcher.js';
import { freePort } from './support/ports.js';
import { startServerProcess } from './support/server-process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    mailDir: string;
    adminEmail: string;
    adminPassword: string;
    serverPid: number;
  }
}

/**
 * One real server for the end-to-end suite: built server process, embedded Janus it supervises, PGlite in a
 * temporary folder, and a real SMTP receiver for its mail.
 */
export default async function setup(project: TestProject) {
  const work = await mkdtemp(path.join(os.tmpdir(), 'tp-e2e-'));
  const mailDir = path.join(work, 'mail');
  const smtpPort = await freePort();
  const mail = await startMailCatcher(mailDir, smtpPort);
  const port = await freePort();
  const server = await startServerProcess({
    PORT: String(port),
    DATA_DIR: path.join(work, 'data'),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    ICE_ENFORCE_LIST: 'lo',
    RTP_PORT_RANGE: '41000-41999',
  });
  const printed = server.output.join('');
  project.provide('baseUrl', server.url);
  project.provide('mailDir', mailDir);
  project.provide('serverPid', server.child.pid ?? 0);
  project.provide('adminEmail', /E-Mail:\s+(\S+)/.exec(printed)?.[1] ?? '');
  project.provide('adminPassword', /Passwort:\s+(\S+)/.exec(printed)?.[1] ?? '');

  return async () => {
    await server.stop();
    await mail.close();
    await rm(work, { recursive: true, force: true });
  };
}
