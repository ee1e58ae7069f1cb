import { afterEach, describe, expect, inject, it } from 'vitest';
import { launchParticipant, type Participant } from '../support/browser.js';
import { toneFile } from '../support/tones.js';

const baseUrl = inject('baseUrl');

/** Inbound RTP figures of every peer connection on the page, read from getStats. */
async function inboundStats(participant: Participant) {
  return participant.page.evaluate(async () => {
    const connections =
      (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    let framesDecoded = 0;
    let audioBytes = 0;
    for (const connection of connections) {
      const report = await connection.getStats();
      report.forEach(
        (stat: { type: string; kind?: string; framesDecoded?: number; bytesReceived?: number }) => {
          if (stat.type === 'inbound-rtp' && stat.kind === 'video') {
            framesDecoded += stat.framesDecoded ?? 0;
          }
          if (stat.type === 'inbound-rtp' && stat.kind === 'audio') {
            audioBytes += stat.bytesReceived ?? 0;
          }
        },
      );
    }
    return { framesDecoded, audioBytes };
  });
}

describe('Test your setup (1 participant, real Janus echo)', () => {
  let participant: Participant | undefined;
  afterEach(() => participant?.close());

  it('sends camera and microphone through the server to Janus and receives them back', async () => {
    participant = await launchParticipant({ audioFile: toneFile(440) });
    const { page } = participant;
    // Count peer connections the page creates, so the test can read their statistics.
    await page.addInitScript(() => {
      const original = window.RTCPeerConnection;
      const created: RTCPeerConnection[] = [];
      (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = created;
      window.RTCPeerConnection = class extends original {
        constructor(config?: RTCConfiguration) {
          super(config);
          created.push(this);
        }
      };
    });
    await page.goto(`${baseUrl}/test`);
    await page.getByRole('button', { name: 'Kamera und Mikrofon erlauben' }).click();
    await expect.poll(() => page.getByText('Kamera und Mikrofon sind bereit.').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Echo-Test starten' }).click();
    await expect
      .poll(() => page.getByText('Verbunden – Sie sollten sich jetzt sehen und hören.').isVisible(), {
        timeout: 20_000,
      })
      .toBe(true);

    const first = await inboundStats(participant);
    await expect
      .poll(async () => (await inboundStats(participant!)).framesDecoded, { timeout: 15_000 })
      .toBeGreaterThan(first.framesDecoded + 10);
    await expect
      .poll(async () => (await inboundStats(participant!)).audioBytes, { timeout: 15_000 })
      .toBeGreaterThan(first.audioBytes + 1000);
    expect(participant.blockedRequests).toEqual([]);

    await page.getByRole('button', { name: 'Echo-Test beenden' }).click();
    await expect.poll(() => page.getByText('Der Echo-Test läuft nicht.').isVisible()).toBe(true);
  });

  it('explains what to do when the browser blocks camera and microphone', async () => {
    participant = await launchParticipant({ denyMedia: true });
    const { page } = participant;
    await page.goto(`${baseUrl}/test`);
    await page.getByRole('button', { name: 'Kamera und Mikrofon erlauben' }).click();
    await expect.poll(() => page.getByText('Der Zugriff ist gesperrt').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Erneut versuchen' }).isVisible()).toBe(true);
  });
});
