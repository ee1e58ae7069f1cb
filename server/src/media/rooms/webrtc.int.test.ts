import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JanusNode } from '../janus-node.js';
import { captureLogs, until } from '../test/log-capture.js';
import { AudioBridgeRoom } from './audio-bridge-room.js';
import type { PublisherInfo } from './room-types.js';
import { BrowserPeer, type InboundStats } from './test/browser-peer.js';
import { startEmbeddedNode } from './test/embedded-node.js';
import { RtpPeer } from './test/rtp-peer.js';
import { toneShare } from './test/rtp-tone.js';
import { VideoRoom } from './video-room.js';

const elapsed = (start: number) => Math.round(performance.now() - start);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls an async probe until it returns true. */
async function eventually(probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await sleep(100);
  }
}

describe('rooms with a real Chromium over WebRTC (Janus 1.1.2, loopback)', () => {
  let node: JanusNode;
  let stop: () => Promise<void>;
  let browser: BrowserPeer;
  const { logger } = captureLogs('info');

  beforeAll(async () => {
    let dir: string;
    ({ node, stop, dir } = await startEmbeddedNode({ rtpPortRange: '47000-47999', logger }));
    browser = await BrowserPeer.launch({ toneHz: 440, dir });
  });

  afterAll(async () => {
    // The browser first: it must not outlive the test run, whatever happens to Janus.
    await browser.close();
    await stop();
  });

  it('AudioBridge: a browser leg connects, talks (talking events), is heard by a phone, is muted, restarts ICE', async () => {
    const room = await AudioBridgeRoom.create(node, { description: 'webrtc audio', logger });
    const talking: string[] = [];
    room.on('talking', (id, isTalking) => void talking.push(`${id}:${isTalking}`));
    const phone = await RtpPeer.open();
    try {
      const { local } = await room.joinPlainRtp({
        participantId: 'phone',
        display: 'Phone',
        muted: false,
        codec: 'pcmu',
        remote: { ip: '127.0.0.1', port: phone.port, payloadType: 0 },
      });
      phone.start(local, { frequency: 1000, amplitude: 0 });

      await browser.open('mic', { audio: true });
      const offer = await browser.offer('mic');
      const joinStarted = performance.now();
      const { answer, leg } = await room.joinWebRtc({
        participantId: 'anna',
        display: 'Anna',
        muted: false,
        offer,
      });
      const joinMs = elapsed(joinStarted);
      await browser.accept('mic', answer);
      await browser.trickleAll('mic', (candidate) => leg.trickle(candidate));
      await eventually(async () => (await browser.state('mic')) === 'connected');
      const connectedMs = elapsed(joinStarted);
      await until(() => talking.includes('anna:true'), 8_000);
      console.log(
        `WebRTC audio: joinWebRtc ${joinMs} ms, ICE+DTLS connected ${connectedMs} ms, talking after ${elapsed(joinStarted)} ms`,
      );

      // The phone hears the browser's 440 Hz through the mixer (Opus in, G.711 out).
      await sleep(1000);
      const heard = phone.lastReceived(1000);
      console.log(`phone hears browser: 440 Hz share ${toneShare(heard, 440).toFixed(3)}`);
      expect(toneShare(heard, 440)).toBeGreaterThan(0.2);
      // …and the browser receives the mix.
      expect((await browser.inbound('mic', 'audio'))[0]?.packets).toBeGreaterThan(20);

      await leg.setMuted(true);
      expect(talking.at(-1)).toBe('anna:false');
      await sleep(600);
      expect(toneShare(phone.lastReceived(400), 440)).toBeLessThan(0.01);
      await leg.setMuted(false);

      const restartStarted = performance.now();
      const restartAnswer = await leg.restartIce(await browser.offer('mic', true));
      const ufrag = (sdp: string) => /a=ice-ufrag:(\S+)/.exec(sdp)?.[1];
      expect(ufrag(restartAnswer.sdp)).not.toBe(ufrag(answer.sdp));
      await browser.accept('mic', restartAnswer);
      await browser.trickleAll('mic', (candidate) => leg.trickle(candidate));
      await eventually(async () => (await browser.state('mic')) === 'connected');
      console.log(`ICE restart: ${elapsed(restartStarted)} ms`);
      await sleep(1500);
      expect(toneShare(phone.lastReceived(500), 440)).toBeGreaterThan(0.2);
      expect(leg.closed).toBe(false);
    } finally {
      await phone.close();
      await room.destroy();
    }
  });

  it('VideoRoom: simulcast publish, feed announced, subscribe/start, layer switch, update, unpublish', async () => {
    const room = await VideoRoom.create(node, { description: 'webrtc video', maxPublishers: 4, logger });
    const announced: PublisherInfo[][] = [];
    room.on('publishersChanged', (list) => void announced.push(list));
    try {
      await browser.open('cam', { video: true, simulcast: true });
      const publishStarted = performance.now();
      const { answer, publisher } = await room.publish({
        participantId: 'anna',
        display: 'Anna',
        kind: 'camera',
        offer: await browser.offer('cam'),
        // The page lists sendEncodings low → high (l, m, h).
        ridOrder: 'lmh',
      });
      console.log(`publish (join + publish): ${elapsed(publishStarted)} ms`);
      await browser.accept('cam', answer);
      await browser.trickleAll('cam', (candidate) => publisher.trickle(candidate));
      await until(() => room.publishers().length === 1, 10_000);
      const feed = room.publishers()[0]!;
      expect(feed).toMatchObject({ publisherId: 'anna:camera', participantId: 'anna', kind: 'camera' });
      expect(feed.streams).toEqual([expect.objectContaining({ type: 'video', simulcast: true })]);

      await browser.open('view', {});
      const subscribeStarted = performance.now();
      const { offer, subscriber } = await room.subscribe({
        participantId: 'bert',
        feeds: [{ publisherId: feed.publisherId }],
      });
      await subscriber.start(await browser.answer('view', offer));
      console.log(`subscribe + start: ${elapsed(subscribeStarted)} ms`);
      await browser.trickleAll('view', (candidate) => subscriber.trickle(candidate));
      const video = async (): Promise<InboundStats | undefined> =>
        (await browser.inbound('view', 'video'))[0];
      await eventually(async () => ((await video())?.frames ?? 0) > 10);
      console.log(`first frames decoded after ${elapsed(subscribeStarted)} ms`);

      // With the camera cap above the sum of the layers, Chromium ramps up to all three: Janus forwards the
      // best one to the subscriber (substream 2 by default), then the lowest on request.
      const width = async () => (await video())?.width ?? 0;
      await eventually(async () => (await width()) === 1280, 20_000);
      console.log(`top layer (1280 px) received after ${elapsed(subscribeStarted)} ms`);
      expect(await subscriber.configure({ publisherId: feed.publisherId, substream: 0 })).toBe(true);
      await eventually(async () => (await width()) === 320, 15_000);
      console.log(`simulcast: switched to substream 0 (320 px wide)`);

      expect(await subscriber.update({ add: [{ publisherId: feed.publisherId }] })).toBeNull();
      await publisher.close();
      await until(() => room.publishers().length === 0, 5_000);
      expect(announced.at(-1)).toEqual([]);
      const retire = await subscriber.update({ remove: [{ publisherId: feed.publisherId }] });
      expect(retire?.type).toBe('offer');
      await subscriber.start(await browser.answer('view', retire!));
      expect(subscriber.closed).toBe(false);
    } finally {
      await room.destroy();
    }
  });
});
