import { execFileSync } from 'node:child_process';
import os from 'node:os';

function versionOf(command: string, args: string[]): string {
  let output: string;
  try {
    output = execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (error) {
    // `janus --version` prints its version and exits non-zero.
    const { stdout } = error as { stdout?: string | Buffer };
    output = stdout?.toString() ?? '';
  }
  return output.split('\n')[0]?.trim() || '?';
}

/** What the figures were measured on: they mean little without it (docs/benchmarks.md). */
export function machine(): Record<string, string | number> {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? '?',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    chromium: versionOf('/usr/bin/chromium', ['--version']),
    janus: versionOf('janus', ['--version']),
  };
}

/** The 1-minute load average: other work on the machine slows every figure here. */
export function load(): number {
  return Math.round((os.loadavg()[0] ?? 0) * 10) / 10;
}
