import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const toneDir = path.join(os.tmpdir(), 'tp-tones');

/** A 48 kHz mono sine WAV at `frequency` Hz (made with sox once per machine), for fake microphones. */
export function toneFile(frequency: number, seconds = 60): string {
  mkdirSync(toneDir, { recursive: true });
  const file = path.join(toneDir, `tone${frequency}-${seconds}s.wav`);
  if (!existsSync(file)) {
    execFileSync('sox', [
      '-n',
      '-r',
      '48000',
      '-c',
      '1',
      '-b',
      '16',
      file,
      'synth',
      String(seconds),
      'sine',
      String(frequency),
      'vol',
      '0.5',
    ]);
  }
  return file;
}
