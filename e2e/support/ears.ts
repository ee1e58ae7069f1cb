import type { Page } from 'playwright-core';

/**
 * What a participant's page hears, by frequency: every remote audio track the page receives is fed into a WebAudio
 * analyser (fftSize 8192) and the level at a tone's frequency is read (dB). Install before the app loads.
 * Measured through an AudioBridge room (../shared/docs/testing-media.md): a heard tone is about -30 dB, an absent one
 * below -100 dB; HEARD and SILENT leave a wide margin either side.
 */
export const HEARD_DB = -60;
export const SILENT_DB = -85;

export async function installEars(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tracks: MediaStreamTrack[] = [];
    const w = window as unknown as {
      __earTracks: MediaStreamTrack[];
      __earLevels: (frequencies: number[]) => Promise<number[]>;
    };
    w.__earTracks = tracks;
    const pcs: RTCPeerConnection[] = [];
    (window as unknown as { __earPcs: RTCPeerConnection[] }).__earPcs = pcs;
    const Original = window.RTCPeerConnection;
    const Wrapped = function (this: unknown, config?: RTCConfiguration) {
      const pc = new Original(config);
      pcs.push(pc);
      pc.addEventListener('track', (event) => {
        if (event.track.kind === 'audio') {
          tracks.push(event.track);
        }
      });
      return pc;
    } as unknown as typeof RTCPeerConnection;
    Wrapped.prototype = Original.prototype;
    window.RTCPeerConnection = Wrapped;
    let context: AudioContext | undefined;
    w.__earLevels = async (frequencies) => {
      context ??= new AudioContext();
      await context.resume();
      const live = tracks.filter((track) => track.readyState === 'live');
      const levels = frequencies.map(() => -200);
      for (const track of live) {
        const source = context.createMediaStreamSource(new MediaStream([track]));
        const analyser = context.createAnalyser();
        analyser.fftSize = 8192;
        analyser.smoothingTimeConstant = 0;
        source.connect(analyser);
        await new Promise((resolve) => setTimeout(resolve, 400));
        const data = new Float32Array(analyser.frequencyBinCount);
        analyser.getFloatFrequencyData(data);
        const binWidth = context.sampleRate / analyser.fftSize;
        frequencies.forEach((frequency, index) => {
          const bin = Math.round(frequency / binWidth);
          const peak = Math.max(data[bin - 1] ?? -200, data[bin] ?? -200, data[bin + 1] ?? -200);
          levels[index] = Math.max(levels[index] ?? -200, peak);
        });
        source.disconnect();
      }
      return levels;
    };
  });
}

/** dB at each frequency in what the page hears right now. */
export async function levels(page: Page, frequencies: number[]): Promise<number[]> {
  return page.evaluate(
    (f) => (window as unknown as { __earLevels: (f: number[]) => Promise<number[]> }).__earLevels(f),
    frequencies,
  );
}

/** Whether the page hears `frequency`, polled until it does (or `timeoutMs`). */
export async function hears(page: Page, frequency: number, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [level = -200] = await levels(page, [frequency]);
    if (level > HEARD_DB) {
      return true;
    }
  }
  return false;
}

/** Whether `frequency` has gone quiet for the page, polled until it has (or `timeoutMs`). */
export async function silent(page: Page, frequency: number, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [level = 0] = await levels(page, [frequency]);
    if (level < SILENT_DB) {
      return true;
    }
  }
  return false;
}

/** Frames decoded so far by each video stream the page receives. */
export async function videoFramesDecoded(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const frames: number[] = [];
    for (const pc of (window as unknown as { __earPcs: RTCPeerConnection[] }).__earPcs) {
      if (pc.connectionState === 'closed') {
        continue;
      }
      (await pc.getStats()).forEach((report: { type: string; kind?: string; framesDecoded?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') {
          frames.push(report.framesDecoded ?? 0);
        }
      });
    }
    return frames;
  });
}

/** How many remote audio tracks the page has received so far (a new connection brings a new one). */
export async function audioTracksReceived(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __earTracks: MediaStreamTrack[] }).__earTracks.length);
}

/** Polls until at least `minStreams` received video streams decode new frames (so a tile really shows video). */
export async function videoFramesRising(page: Page, minStreams = 1, timeoutMs = 25_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const first = await videoFramesDecoded(page);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await videoFramesDecoded(page);
    const rising = now.filter((frames, index) => frames > (first[index] ?? 0) && frames > 0).length;
    if (rising >= minStreams) {
      return true;
    }
  }
  return false;
}
