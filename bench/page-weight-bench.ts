// What the join page and the meeting really load: a fresh browser context opens `/m/<meetingId>` from the built
// server, joins, and every JavaScript and CSS response is recorded (gzip -9 of its body, as bundle-weight.ts counts).
import { gzipSync } from 'node:zlib';
import type { Response } from 'playwright-core';
import { toneFile } from '../e2e/support/tones.js';
import { clickJoin, inRoom, openMeeting, probedParticipant, readyToJoin } from './live-world.js';

export interface LoadedFile {
  file: string;
  kind: 'js' | 'css';
  gzipKiB: number;
  /** Bytes on the wire as the server sent them (its own compression), from Resource Timing. */
  wireKiB?: number;
  /** Loaded before the join page was ready, or only after "Beitreten". */
  phase: 'join page' | 'meeting';
}

export interface PageWeightFigures {
  joinPage: { jsKiB: number; cssKiB: number };
  meetingAdds: { jsKiB: number; cssKiB: number };
  files: LoadedFile[];
}

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

function kindOf(url: string): 'js' | 'css' | undefined {
  const pathname = new URL(url).pathname;
  return pathname.endsWith('.js') ? 'js' : pathname.endsWith('.css') ? 'css' : undefined;
}

export async function benchPageWeight(): Promise<PageWeightFigures> {
  const world = await openMeeting();
  const person = await probedParticipant(toneFile(440));
  const files: LoadedFile[] = [];
  const pending: Array<Promise<void>> = [];
  let phase: LoadedFile['phase'] = 'join page';
  const record = (response: Response) => {
    const kind = kindOf(response.url());
    if (!kind || response.status() !== 200) {
      return;
    }
    const seenIn = phase;
    pending.push(
      response.body().then((body) => {
        files.push({
          file: new URL(response.url()).pathname,
          kind,
          gzipKiB: kib(gzipSync(body, { level: 9 }).byteLength),
          phase: seenIn,
        });
      }),
    );
  };
  person.page.on('response', record);
  try {
    await readyToJoin(person.page, world.meetingUrl, { name: 'Wiegerin' });
    await person.page.waitForLoadState('networkidle');
    phase = 'meeting';
    await clickJoin(person.page);
    await inRoom(person.page);
    await person.page.waitForLoadState('networkidle');
    await person.page.waitForTimeout(1000);
    await Promise.all(pending);
    const wire = await person.page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map(
          (entry) =>
            [new URL(entry.name).pathname, (entry as PerformanceResourceTiming).encodedBodySize] as const,
        ),
    );
    for (const file of files) {
      const bytes = wire.find(([name]) => name === file.file)?.[1];
      if (bytes !== undefined) {
        file.wireKiB = kib(bytes);
      }
    }
    const sum = (which: LoadedFile['phase'], kind: LoadedFile['kind']) =>
      Math.round(
        files
          .filter((file) => file.phase === which && file.kind === kind)
          .reduce((total, file) => total + file.gzipKiB, 0) * 10,
      ) / 10;
    files.sort((a, b) => a.phase.localeCompare(b.phase) || b.gzipKiB - a.gzipKiB);
    return {
      joinPage: { jsKiB: sum('join page', 'js'), cssKiB: sum('join page', 'css') },
      meetingAdds: { jsKiB: sum('meeting', 'js'), cssKiB: sum('meeting', 'css') },
      files,
    };
  } finally {
    await person.close();
    await world.close();
  }
}
