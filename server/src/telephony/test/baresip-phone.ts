import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A real phone for tests: Debian's baresip 1.0.0 on loopback. Its ctrl_tcp has no DTMF command, so digits
 * are typed on its console: baresip runs under `script` (util-linux), which gives it a pseudo-terminal
 * whose input is our pipe — no native module needed. It plays `tone.wav` as its microphone and the sndfile
 * module records what it hears to `dump-…-dec.wav`.
 */
export class BaresipPhone {
  output = '';
  private constructor(
    readonly dir: string,
    private readonly child: ChildProcessWithoutNullStreams,
  ) {
    child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
  }

  /**
   * Starts baresip and dials `target` (e.g. sip:dialin@127.0.0.1:5090). Its microphone plays a sine of `toneHz`
   * (440 by default); `caller` is the number in its From header.
   */
  static async dial(
    target: string,
    options: { toneHz?: number; caller?: string } = {},
  ): Promise<BaresipPhone> {
    const dir = await mkdtemp(path.join(tmpdir(), 'baresip-'));
    const port = await freeUdpPort();
    await run('sox', [
      '-n',
      '-r',
      '8000',
      '-c',
      '1',
      '-b',
      '16',
      path.join(dir, 'tone.wav'),
      'synth',
      '60',
      'sine',
      String(options.toneHz ?? 440),
      'vol',
      '0.3',
    ]);
    await writeFile(
      path.join(dir, 'config'),
      [
        'poll_method epoll',
        `sip_listen 127.0.0.1:${port}`,
        'net_interface 127.0.0.1',
        `audio_source aufile,${path.join(dir, 'tone.wav')}`,
        'audio_player aubridge,nil',
        'module_path /usr/lib/baresip/modules',
        'module stdio.so',
        'module g711.so',
        'module aufile.so',
        'module aubridge.so',
        'module sndfile.so',
        `snd_path ${dir}`,
        'module_app account.so',
        'module_app menu.so',
        '',
      ].join('\n'),
    );
    await writeFile(
      path.join(dir, 'accounts'),
      `<sip:${options.caller ?? '+4930123456'}@127.0.0.1>;regint=0\n`,
    );
    const command = `baresip -f ${dir} -e "/dial ${target}" -t 120`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    return new BaresipPhone(dir, child);
  }

  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (Date.now() > deadline) {
        throw new Error(`baresip did not print ${String(pattern)}`);
      }
      await sleep(100);
    }
  }

  /** Types keys on the console; in a call each digit is sent as RFC 4733 telephone-events. */
  async type(keys: string): Promise<void> {
    for (const key of keys) {
      this.child.stdin.write(key);
      // baresip sends a digit for as long as the key is "held": about 250 ms between presses is a person.
      await sleep(300);
    }
  }

  /** Files of what the phone heard (WAV, 8 kHz). */
  async recordings(): Promise<string[]> {
    const files = await readdir(this.dir);
    return files.filter((file) => file.endsWith('-dec.wav')).map((file) => path.join(this.dir, file));
  }

  async quit(): Promise<void> {
    if (this.child.exitCode === null) {
      this.child.stdin.write('q');
      await Promise.race([new Promise((resolve) => this.child.once('exit', resolve)), sleep(3000)]);
    }
    if (this.child.exitCode === null && this.child.pid !== undefined) {
      this.child.kill('SIGKILL');
    }
  }
}

/** RMS level of a WAV file via sox (0 = digital silence). */
export async function rmsOf(file: string): Promise<number> {
  const { stderr } = await run('sox', [file, '-n', 'stat']);
  const match = /RMS\s+amplitude:\s+([0-9.]+)/.exec(stderr);
  return match?.[1] ? Number(match[1]) : 0;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it holds; throws after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error('condition not reached');
    }
    await sleep(50);
  }
}

export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}
