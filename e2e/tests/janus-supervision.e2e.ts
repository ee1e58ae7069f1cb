import { execFileSync } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');
const serverPid = inject('serverPid');

async function health(): Promise<{ status: number; janus: string }> {
  const response = await fetch(`${baseUrl}/healthz`);
  const body = (await response.json()) as { janus: Array<{ status: string }> };
  return { status: response.status, janus: body.janus.map((node) => node.status).join(',') };
}

function janusPid(): number {
  const output = execFileSync('pgrep', ['-P', String(serverPid), '-x', 'janus'], { encoding: 'utf8' }).trim();
  const pid = Number(output.split('\n')[0]);
  expect(pid).toBeGreaterThan(0);
  return pid;
}

describe('supervised Janus', () => {
  it('shows Janus down on /healthz when it dies, and up again within 10 s without a server restart', async () => {
    expect(await health()).toEqual({ status: 200, janus: 'up' });
    const before = janusPid();
    process.kill(before, 'SIGKILL');
    await expect.poll(health, { interval: 50, timeout: 3000 }).toEqual({ status: 503, janus: 'down' });
    const killedAt = Date.now();
    await expect.poll(health, { interval: 100, timeout: 10_000 }).toEqual({ status: 200, janus: 'up' });
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(janusPid()).not.toBe(before);
    process.kill(serverPid, 0); // the server process itself is still the same one
  });
});
