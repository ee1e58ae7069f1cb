import type { ChildProcess } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';

/* Process helpers of the embedded-Janus supervisor. */

/** Binds port 0 on 127.0.0.1 and releases it: the port is free now (a tiny race remains, accepted). */
export function pickFreeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

export async function listSharedObjects(folder: string): Promise<string[] | undefined> {
  try {
    return (await readdir(folder)).filter((name) => name.endsWith('.so'));
  } catch {
    // Unreadable folder: fall back to the known Debian list in janus-config.
    return undefined;
  }
}

/** SIGTERM, SIGKILL after `graceMs`; resolves when the process has exited. */
export async function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

const PID_FILE = 'janus.pid';

/** Records the running Janus so that the next start can clean up after a crash of this server. */
export async function writePidFile(configDir: string, pid: number): Promise<void> {
  await writeFile(path.join(configDir, PID_FILE), `${pid}\n`, { mode: 0o600 });
}

/** Removes the pid file if it still names `pid` (another supervisor may have taken over the folder). */
export async function removePidFile(configDir: string, pid: number): Promise<void> {
  const file = path.join(configDir, PID_FILE);
  const recorded = await readFile(file, 'utf8').catch(() => '');
  if (Number.parseInt(recorded, 10) === pid) {
    await rm(file, { force: true });
  }
}

/**
 * If this server was killed without cleaning up (SIGKILL, OOM), its Janus lives on with the old port and
 * secret. Kill it, but only if the recorded pid still runs janus with this very config folder: a pid may
 * have been reused by an unrelated process. Returns the pid killed, if any.
 */
export async function killStaleJanus(configDir: string): Promise<number | undefined> {
  let pid: number;
  let commandLine: string;
  try {
    pid = Number.parseInt(await readFile(path.join(configDir, PID_FILE), 'utf8'), 10);
    commandLine = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ');
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 1 || !commandLine.includes(` -F ${configDir} `)) {
    return undefined;
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return undefined;
  }
  for (let waited = 0; waited < 2_000; waited += 50) {
    try {
      process.kill(pid, 0);
    } catch {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return pid;
}
