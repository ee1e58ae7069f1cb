import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JanusClosedError, JanusError, JanusTimeoutError } from './errors.js';
import { JanusChannel } from './janus-channel.js';
import type { JanusMessage } from './janus-types.js';
import { FakeJanus } from './test/fake-janus.js';
import { captureLogs, until } from './test/log-capture.js';

describe('JanusChannel against a fake Janus', () => {
  let janus: FakeJanus;
  let channel: JanusChannel;
  const logs = captureLogs();

  beforeEach(async () => {
    janus = await FakeJanus.start();
    channel = await JanusChannel.connect({ url: janus.url, apiSecret: janus.apiSecret, logger: logs.logger });
  });
  afterEach(async () => {
    channel.close();
    await janus.close();
  });

  async function sessionAndHandle() {
    const session = (await channel.request({ janus: 'create' })).data!.id!;
    const handle = (
      await channel.request({ janus: 'attach', session_id: session, plugin: 'janus.plugin.echotest' })
    ).data!.id!;
    return { session, handle };
  }

  it('matches replies by a random transaction and adds the api secret', async () => {
    const [info, pong] = await Promise.all([
      channel.request({ janus: 'info' }),
      channel.request({ janus: 'ping' }),
    ]);
    expect(info.janus).toBe('server_info');
    expect(info.name).toBe('Fake Janus');
    expect(pong.janus).toBe('pong');
    const [first, second] = janus.requests;
    expect(first!.transaction).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(first!.transaction).not.toBe(second!.transaction);
    expect(first!.apisecret).toBe(janus.apiSecret);
    expect(channel.pendingCount).toBe(0);
  });

  it('resolves plugin messages on the ack, or on the final event with awaitEvent', async () => {
    const { session, handle } = await sessionAndHandle();
    const body = { janus: 'message', session_id: session, handle_id: handle, body: { audio: true } };
    expect((await channel.request(body)).janus).toBe('ack');
    const reply = await channel.request(
      { ...body, jsep: { type: 'offer', sdp: 'v=0' } },
      { awaitEvent: true },
    );
    expect(reply.janus).toBe('event');
    expect(reply.plugindata?.data).toEqual({ echotest: 'event', result: 'ok' });
    expect(reply.jsep?.type).toBe('answer');
  });

  it('copes with the event arriving before the ack', async () => {
    const { session, handle } = await sessionAndHandle();
    janus.eventBeforeAck = true;
    const reply = await channel.request(
      { janus: 'message', session_id: session, handle_id: handle, body: {} },
      { awaitEvent: true },
    );
    expect(reply.janus).toBe('event');
  });

  it('turns Janus errors into JanusError with code and reason', async () => {
    const noSecret = await JanusChannel.connect({ url: janus.url, logger: logs.logger });
    await expect(noSecret.request({ janus: 'create' })).rejects.toMatchObject({
      name: 'JanusError',
      code: 403,
      reason: expect.stringMatching(/Unauthorized/) as unknown,
      source: 'core',
    });
    noSecret.close();
    await expect(channel.request({ janus: 'keepalive', session_id: 42 })).rejects.toThrow(JanusError);
  });

  it('turns plugin errors (error_code in plugindata) into JanusError', async () => {
    const { session, handle } = await sessionAndHandle();
    const error = await channel
      .request(
        { janus: 'message', session_id: session, handle_id: handle, body: { fail: true } },
        { awaitEvent: true },
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JanusError);
    expect(error).toMatchObject({
      code: 413,
      reason: 'Invalid element type',
      source: 'janus.plugin.echotest',
    });
  });

  it('rejects with JanusTimeoutError when Janus stays silent, and forgets the request', async () => {
    janus.silent = true;
    const started = Date.now();
    await expect(channel.request({ janus: 'info' }, { timeoutMs: 50 })).rejects.toBeInstanceOf(
      JanusTimeoutError,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(channel.pendingCount).toBe(0);
  });

  it('a plugin that acks but never answers times out with awaitEvent', async () => {
    const { session, handle } = await sessionAndHandle();
    await expect(
      channel.request(
        { janus: 'message', session_id: session, handle_id: handle, body: { silent: true } },
        { awaitEvent: true, timeoutMs: 80 },
      ),
    ).rejects.toMatchObject({ name: 'JanusTimeoutError', request: 'message' });
  });

  it('rejects pending requests with JanusClosedError when the socket drops, and refuses new ones', async () => {
    janus.silent = true;
    const closed = new Promise<JanusClosedError>((resolve) => channel.on('close', resolve));
    const pending = [channel.request({ janus: 'info' }), channel.request({ janus: 'create' })];
    await until(() => janus.requests.length === 2);
    janus.dropConnections();
    for (const request of pending) {
      await expect(request).rejects.toBeInstanceOf(JanusClosedError);
    }
    expect(await closed).toBeInstanceOf(JanusClosedError);
    expect(channel.closed).toBe(true);
    await expect(channel.request({ janus: 'info' })).rejects.toBeInstanceOf(JanusClosedError);
    expect(janus.requests).toHaveLength(2);
  });

  it('close() rejects pending requests at once and is idempotent', async () => {
    janus.silent = true;
    const pending = channel.request({ janus: 'info' }, { timeoutMs: 10_000 });
    channel.close();
    channel.close();
    await expect(pending).rejects.toBeInstanceOf(JanusClosedError);
  });

  it('dispatches unsolicited messages by handle, else by session', async () => {
    const forHandle: JanusMessage[] = [];
    const forSession: JanusMessage[] = [];
    channel.onHandleMessage(7, (message) => forHandle.push(message));
    const unsubscribe = channel.onSessionMessage(5, (message) => forSession.push(message));
    janus.push({ janus: 'webrtcup', session_id: 5, sender: 7 });
    janus.push({ janus: 'media', session_id: 5, sender: 7, type: 'audio', receiving: true });
    janus.push({ janus: 'timeout', session_id: 5 });
    janus.push({ janus: 'hangup', session_id: 5, sender: 8, reason: 'other handle' });
    // A late event whose transaction is no longer pending still reaches its handle.
    janus.push({
      janus: 'event',
      session_id: 5,
      sender: 7,
      transaction: 'gone',
      plugindata: { plugin: 'p', data: {} },
    });
    await until(() => forHandle.length === 3 && forSession.length === 1);
    expect(forHandle.map((message) => message.janus)).toEqual(['webrtcup', 'media', 'event']);
    expect(forSession[0]!.janus).toBe('timeout');
    unsubscribe();
    janus.push({ janus: 'timeout', session_id: 5 });
    await channel.request({ janus: 'ping' });
    expect(forSession).toHaveLength(1);
  });

  it("never lets a listener's exception escape, and logs it", async () => {
    channel.onHandleMessage(7, () => {
      throw new Error('listener bug');
    });
    channel.on('close', () => {
      throw new Error('close listener bug');
    });
    janus.push({ janus: 'webrtcup', session_id: 5, sender: 7 });
    await expect(channel.request({ janus: 'ping' })).resolves.toMatchObject({ janus: 'pong' });
    await until(() => logs.lines.some((line) => line.msg === 'janus message listener failed'));
    channel.close();
    await until(() => logs.lines.some((line) => line.msg === 'janus channel listener failed'));
  });

  it('ignores malformed input from Janus', async () => {
    janus.pushRaw('{not json');
    janus.push({ janus: 42 });
    await expect(channel.request({ janus: 'ping' })).resolves.toMatchObject({ janus: 'pong' });
    expect(logs.lines.some((line) => line.msg === 'ignoring invalid JSON from janus')).toBe(true);
    expect(logs.lines.some((line) => line.msg === 'ignoring malformed message from janus')).toBe(true);
  });
});

describe('JanusChannel.connect', () => {
  it('rejects with JanusClosedError when nothing listens', async () => {
    const janus = await FakeJanus.start();
    const url = janus.url;
    await janus.close();
    await expect(JanusChannel.connect({ url, logger: captureLogs().logger })).rejects.toBeInstanceOf(
      JanusClosedError,
    );
  });
});
