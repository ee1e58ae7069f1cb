import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JanusClosedError } from './errors.js';
import { JanusChannel } from './janus-channel.js';
import { JanusSession, type PluginEvent } from './janus-session.js';
import { FakeJanus } from './test/fake-janus.js';
import { captureLogs, until } from './test/log-capture.js';

describe('JanusSession and JanusHandle against a fake Janus', () => {
  let janus: FakeJanus;
  let channel: JanusChannel;
  const { logger } = captureLogs();

  beforeEach(async () => {
    janus = await FakeJanus.start();
    channel = await JanusChannel.connect({ url: janus.url, apiSecret: janus.apiSecret, logger });
  });
  afterEach(async () => {
    channel.close();
    await janus.close();
  });

  it('creates a session, attaches a plugin and exchanges an offer for an answer', async () => {
    const session = await JanusSession.create(channel, { logger });
    const handle = await session.attach('janus.plugin.echotest');
    const { data, jsep } = await handle.message({ audio: true }, { type: 'offer', sdp: 'v=0\r\n' });
    expect(data).toEqual({ echotest: 'event', result: 'ok' });
    expect(jsep?.type).toBe('answer');
    const message = janus.requestsOf('message')[0]!;
    expect(message).toMatchObject({ session_id: session.id, handle_id: handle.id, body: { audio: true } });
    expect(message.jsep).toEqual({ type: 'offer', sdp: 'v=0\r\n' });
  });

  it('trickles candidates, null as completed', async () => {
    const session = await JanusSession.create(channel, { logger });
    const handle = await session.attach('janus.plugin.echotest');
    await handle.trickle({ candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0' });
    await handle.trickle(null);
    expect(janus.requestsOf('trickle').map((request) => request.candidate)).toEqual([
      { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0' },
      { completed: true },
    ]);
  });

  it('reports plugin errors and unknown plugins as JanusError', async () => {
    const session = await JanusSession.create(channel, { logger });
    const handle = await session.attach('janus.plugin.echotest');
    await expect(handle.message({ fail: true })).rejects.toMatchObject({ name: 'JanusError', code: 413 });
    await expect(session.attach('janus.plugin.nope')).rejects.toMatchObject({ code: 460 });
  });

  it('emits typed handle events', async () => {
    const session = await JanusSession.create(channel, { logger });
    const handle = await session.attach('janus.plugin.echotest');
    const seen: string[] = [];
    const events: PluginEvent[] = [];
    handle.on('webrtcup', () => void seen.push('webrtcup'));
    handle.on('media', (media) => void seen.push(`media:${media.type}:${media.receiving}:${media.mid}`));
    handle.on('slowlink', (link) => void seen.push(`slowlink:${link.uplink}:${link.lost}`));
    handle.on('hangup', (reason) => void seen.push(`hangup:${reason}`));
    handle.on('event', (event) => void events.push(event));
    const base = { session_id: session.id, sender: handle.id };
    janus.push({ janus: 'webrtcup', ...base });
    janus.push({ janus: 'media', ...base, type: 'video', receiving: false, mid: '1' });
    janus.push({ janus: 'slowlink', ...base, uplink: true, lost: 12 });
    janus.push({
      janus: 'event',
      ...base,
      plugindata: { plugin: 'janus.plugin.echotest', data: { result: 'done' } },
    });
    await handle.hangup();
    await until(() => seen.length === 4 && events.length === 1);
    expect(seen).toEqual(['webrtcup', 'media:video:false:1', 'slowlink:true:12', 'hangup:Janus API']);
    expect(events[0]).toEqual({ plugin: 'janus.plugin.echotest', data: { result: 'done' }, jsep: undefined });
    expect(handle.closed).toBe(false);
  });

  it('close() detaches once and emits closed once; requests afterwards fail fast', async () => {
    const session = await JanusSession.create(channel, { logger });
    const handle = await session.attach('janus.plugin.echotest');
    let closedEvents = 0;
    handle.on('closed', () => {
      closedEvents++;
    });
    await Promise.all([handle.close(), handle.close()]);
    expect(janus.requestsOf('detach')).toHaveLength(1);
    expect(closedEvents).toBe(1);
    await expect(handle.message({})).rejects.toBeInstanceOf(JanusClosedError);
  });

  it('a `detached` event from Janus closes the handle', async () => {
    const session = await JanusSession.create(channel, { logger });
    const handle = await session.attach('janus.plugin.echotest');
    janus.push({ janus: 'detached', session_id: session.id, sender: handle.id });
    await until(() => handle.closed);
  });

  it('closing the session destroys it once and closes its handles', async () => {
    const session = await JanusSession.create(channel, { logger });
    const handles = [
      await session.attach('janus.plugin.echotest'),
      await session.attach('janus.plugin.echotest'),
    ];
    let sessionClosed = 0;
    session.on('closed', () => {
      sessionClosed++;
    });
    await Promise.all([session.close(), session.close()]);
    expect(handles.every((handle) => handle.closed)).toBe(true);
    expect(sessionClosed).toBe(1);
    expect(janus.requestsOf('destroy')).toHaveLength(1);
    expect(janus.requestsOf('detach')).toHaveLength(0);
    await expect(session.attach('janus.plugin.echotest')).rejects.toBeInstanceOf(JanusClosedError);
  });

  it('closes with its handles when the channel closes, without talking to Janus', async () => {
    const session = await JanusSession.create(channel, { logger });
    const handle = await session.attach('janus.plugin.echotest');
    const handleClosed = new Promise<void>((resolve) => handle.on('closed', resolve));
    janus.dropConnections();
    await handleClosed;
    expect(session.closed).toBe(true);
    await session.close();
    expect(janus.requestsOf('destroy')).toHaveLength(0);
  });

  it('sends keepalives and closes when Janus says the session is gone or timed out', async () => {
    const session = await JanusSession.create(channel, { logger, keepaliveMs: 20 });
    await until(() => janus.requestsOf('keepalive').length >= 2);
    expect(janus.requestsOf('keepalive')[0]).toMatchObject({ session_id: session.id });
    // Janus forgets the session: the next keepalive gets 458 and the session closes itself.
    await channel.request({ janus: 'destroy', session_id: session.id });
    await until(() => session.closed);

    const other = await JanusSession.create(channel, { logger });
    janus.push({ janus: 'timeout', session_id: other.id });
    await until(() => other.closed);
  });
});
