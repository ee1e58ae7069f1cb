import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JanusError, MediaUnavailableError } from '../../media/errors.js';
import { JanusNode } from '../../media/janus-node.js';
import { MediaPlane } from '../../media/media-plane.js';
import { FakeJanus } from '../../media/test/fake-janus.js';
import { captureLogs, until } from '../../media/test/log-capture.js';
import { createEchoSession } from './echo-service.js';

const offer = { type: 'offer' as const, sdp: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n' };

describe('echo service against a fake Janus', () => {
  let janus: FakeJanus;
  let mediaPlane: MediaPlane;
  const { logger } = captureLogs();

  beforeEach(async () => {
    janus = await FakeJanus.start();
    const node = new JanusNode({
      name: 'fake',
      url: janus.url,
      apiSecret: janus.apiSecret,
      logger,
      reconnectMinMs: 20,
    });
    node.start();
    await node.waitUntilUp(2_000);
    mediaPlane = new MediaPlane([node], { logger });
  });
  afterEach(async () => {
    await mediaPlane.close();
    await janus.close();
  });

  it('sends the offer to the EchoTest with audio and video and returns the answer', async () => {
    const echo = createEchoSession({ mediaPlane, logger });
    const answer = await echo.start(offer);
    expect(answer.type).toBe('answer');
    expect(answer.sdp).toMatch(/^v=0/);
    expect(janus.requestsOf('attach')[0]).toMatchObject({ plugin: 'janus.plugin.echotest' });
    expect(janus.requestsOf('message')[0]).toMatchObject({ body: { audio: true, video: true }, jsep: offer });
    await echo.close();
  });

  it('holds back candidates until the answer, then forwards them in order; null and "" complete', async () => {
    const echo = createEchoSession({ mediaPlane, logger });
    const started = echo.start(offer);
    await echo.trickle({
      candidate: 'candidate:1 1 udp 1 127.0.0.1 4000 typ host',
      sdpMid: '0',
      sdpMLineIndex: null,
    });
    await echo.trickle(null);
    expect(janus.requestsOf('trickle')).toHaveLength(0);
    await started;
    await echo.trickle({ candidate: '', sdpMid: '0' });
    const verbs = janus.requests
      .map((request) => request.janus)
      .filter((verb) => verb === 'message' || verb === 'trickle');
    expect(verbs).toEqual(['message', 'trickle', 'trickle', 'trickle']);
    expect(janus.requestsOf('trickle').map((request) => request.candidate)).toEqual([
      { candidate: 'candidate:1 1 udp 1 127.0.0.1 4000 typ host', sdpMid: '0' },
      { completed: true },
      { completed: true },
    ]);
    await echo.close();
  });

  it('reports a Janus hangup once as media_failed and destroys the session', async () => {
    const echo = createEchoSession({ mediaPlane, logger });
    const reasons: string[] = [];
    echo.onEnded((reason) => void reasons.push(reason));
    await echo.start(offer);
    const { session_id: sessionId, handle_id: handleId } = janus.requestsOf('message')[0]!;
    janus.push({ janus: 'hangup', session_id: sessionId, sender: handleId, reason: 'DTLS alert' });
    janus.push({ janus: 'hangup', session_id: sessionId, sender: handleId, reason: 'again' });
    await until(() => janus.requestsOf('destroy').length === 2); // one from the node's secret check
    expect(reasons).toEqual(['media_failed']);
    await echo.trickle(null);
    expect(janus.requestsOf('trickle')).toHaveLength(0);
  });

  it('reports media_failed when the media node goes down', async () => {
    const echo = createEchoSession({ mediaPlane, logger });
    const ended = new Promise<string>((resolve) => echo.onEnded(resolve));
    await echo.start(offer);
    janus.dropConnections();
    expect(await ended).toBe('media_failed');
  });

  it('close() is idempotent and does not report an end', async () => {
    const echo = createEchoSession({ mediaPlane, logger });
    let ended = 0;
    echo.onEnded(() => {
      ended++;
    });
    await echo.start(offer);
    await Promise.all([echo.close(), echo.close()]);
    expect(janus.requestsOf('destroy')).toHaveLength(2);
    expect(ended).toBe(0);
  });

  it('close() during start makes start fail and leaves nothing behind', async () => {
    const echo = createEchoSession({ mediaPlane, logger });
    const started = echo.start(offer);
    await echo.close();
    await expect(started).rejects.toMatchObject({ name: 'JanusClosedError' });
    await until(() => janus.requestsOf('destroy').length === 2);
  });

  it('fails start with JanusError on a plugin error and cleans up', async () => {
    janus.plugin = () => ({ data: { echotest: 'event', error_code: 416, error: 'Invalid SDP' } });
    const echo = createEchoSession({ mediaPlane, logger });
    let ended = 0;
    echo.onEnded(() => {
      ended++;
    });
    await expect(echo.start(offer)).rejects.toBeInstanceOf(JanusError);
    await until(() => janus.requestsOf('destroy').length === 2);
    expect(ended).toBe(0);
  });

  it('fails start with MediaUnavailableError when no node is up', async () => {
    await mediaPlane.close();
    const echo = createEchoSession({ mediaPlane, logger });
    await expect(echo.start(offer)).rejects.toBeInstanceOf(MediaUnavailableError);
  });
});
