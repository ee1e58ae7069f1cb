import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEchoSession } from '../features/echo/echo-service.js';
import { JanusClosedError, JanusError, JanusStartError } from './errors.js';
import { JanusChannel } from './janus-channel.js';
import { JanusNode } from './janus-node.js';
import { EmbeddedJanus } from './janus-supervisor.js';
import { MediaPlane, startMediaPlane } from './media-plane.js';
import { captureLogs, until } from './test/log-capture.js';

/** A minimal but valid WebRTC audio offer (no ICE will run: only the SDP exchange is tested here). */
const audioOffer = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=msid-semantic: WMS',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=ice-ufrag:t3st',
  'a=ice-pwd:abcdefghijklmnopqrstuvwx',
  'a=ice-options:trickle',
  `a=fingerprint:sha-256 ${Array.from({ length: 32 }, () => 'AB').join(':')}`,
  'a=setup:actpass',
  'a=mid:0',
  'a=sendrecv',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=ssrc:1001 cname:treffpunkt-test',
  '',
].join('\r\n');

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded Janus (real binary)', () => {
  let dataDir: string;
  let janus: EmbeddedJanus;
  let node: JanusNode;
  const logs = captureLogs('debug');

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'treffpunkt-janus-'));
    janus = new EmbeddedJanus({
      binary: 'janus',
      dataDir,
      rtpPortRange: '41000-41999',
      iceEnforceList: 'lo',
      publicIp: undefined,
      logger: logs.logger,
    });
    const started = performance.now();
    await janus.start();
    console.log(`janus start-up: ${Math.round(performance.now() - started)} ms`);
    node = new JanusNode({
      name: 'embedded',
      url: janus.url,
      apiSecret: janus.apiSecret,
      logger: logs.logger,
    });
    janus.on('up', () => node.reconnectNow());
    node.start();
    expect(await node.waitUntilUp(5_000)).toBe(true);
  });

  afterAll(async () => {
    await node.close();
    await janus.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes its config privately and answers info on loopback with an api secret required', async () => {
    expect(janus.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const config = await readFile(path.join(dataDir, 'janus', 'janus.jcfg'), 'utf8');
    expect(config).toContain(`api_secret = "${janus.apiSecret}"`);
    const channel = await JanusChannel.connect({ url: janus.url, logger: logs.logger });
    const info = await channel.request({ janus: 'info' });
    expect(info).toMatchObject({
      janus: 'server_info',
      version: 1102,
      api_secret: true,
      event_handlers: false,
    });
    const plugins = Object.keys(info.plugins as Record<string, unknown>).sort();
    expect(plugins).toEqual([
      'janus.plugin.audiobridge',
      'janus.plugin.echotest',
      'janus.plugin.streaming',
      'janus.plugin.videoroom',
    ]);
    expect(Object.keys(info.transports as Record<string, unknown>)).toEqual(['janus.transport.websockets']);
    // Without the secret nothing but info/ping is allowed.
    await expect(channel.request({ janus: 'create' })).rejects.toMatchObject({
      name: 'JanusError',
      code: 403,
    });
    channel.close();
  });

  it('creates a session, attaches echotest and types plugin and core errors', async () => {
    const session = await node.createSession();
    const handle = await session.attach('janus.plugin.echotest');
    const pluginError = await handle.message({ audio: 'yes' }).catch((error: unknown) => error);
    expect(pluginError).toBeInstanceOf(JanusError);
    expect(pluginError).toMatchObject({ code: 413, source: 'janus.plugin.echotest' });
    await expect(handle.message({ audio: true }, { type: 'offer', sdp: 'garbage' })).rejects.toMatchObject({
      name: 'JanusError',
      code: 465,
      source: 'core',
    });
    await expect(session.attach('janus.plugin.sip')).rejects.toMatchObject({ code: 460 });
    await session.close();
    expect(handle.closed).toBe(true);
  });

  it('runs the echo service: offer in, answer out', async () => {
    const plane = new MediaPlane([node], { logger: logs.logger });
    const echo = createEchoSession({ mediaPlane: plane, logger: logs.logger });
    const answer = await echo.start({ type: 'offer', sdp: audioOffer });
    expect(answer.type).toBe('answer');
    expect(answer.sdp).toMatch(/m=audio \d+ UDP\/TLS\/RTP\/SAVPF 111/);
    expect(answer.sdp).toContain('a=fingerprint:sha-256');
    await echo.trickle(null);
    await echo.close();
  });

  it('survives kill -9: node down at once, pending requests rejected, back up within 10 s', async () => {
    const session = await node.createSession();
    const handle = await session.attach('janus.plugin.echotest');
    const oldPid = janus.pid!;
    const downs: number[] = [];
    node.on('down', () => void downs.push(performance.now()));
    // Freeze Janus first so that the request is certainly still pending when it dies.
    process.kill(oldPid, 'SIGSTOP');
    const pending = handle.message({ audio: true }, undefined, { timeoutMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const killedAt = performance.now();
    process.kill(oldPid, 'SIGKILL');

    await expect(pending).rejects.toBeInstanceOf(JanusClosedError);
    expect(node.status()).toBe('down');
    expect(session.closed).toBe(true);
    expect(handle.closed).toBe(true);
    expect(await node.waitUntilUp(10_000)).toBe(true);
    const upAt = performance.now();
    console.log(
      `janus kill -9 → node down after ${Math.round(downs[0]! - killedAt)} ms, up again after ${Math.round(upAt - killedAt)} ms`,
    );
    expect(upAt - killedAt).toBeLessThan(10_000);
    expect(janus.pid).not.toBe(oldPid);
    expect(janus.status()).toBe('up');
    // The URL and secret stayed the same: the new Janus takes work at once.
    const fresh = await node.createSession();
    await fresh.attach('janus.plugin.echotest');
    await fresh.close();
  });

  it("logs Janus's output at debug only, never lines with addresses or secrets", () => {
    const janusLines = logs.lines.filter((line) => line.component === 'janus');
    expect(janusLines.length).toBeGreaterThan(10);
    expect(janusLines.every((line) => line.level === 20)).toBe(true);
    const text = janusLines.map((line) => line.msg ?? '').join('\n');
    expect(text).toContain('JANUS EchoTest plugin initialized!');
    expect(text).not.toMatch(/\b\d{1,3}(\.\d{1,3}){3}\b/);
    expect(text).not.toContain(janus.apiSecret);
    expect(text).not.toContain(janus.adminKey);
  });

  it('stop() terminates Janus and it is not restarted', async () => {
    const pid = janus.pid!;
    expect(processExists(pid)).toBe(true);
    const stopping = performance.now();
    await janus.stop();
    console.log(`janus stop (SIGTERM): ${Math.round(performance.now() - stopping)} ms`);
    expect(processExists(pid)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(janus.pid).toBeUndefined();
    await until(() => node.status() === 'down');
  });
});

describe('startMediaPlane in embedded mode', () => {
  it('starts a supervised Janus behind one node named "embedded" and stops it on close', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'treffpunkt-plane-'));
    const { logger } = captureLogs('info');
    const plane = await startMediaPlane(
      {
        mode: 'embedded',
        binary: 'janus',
        rtpPortRange: '42000-42999',
        iceEnforceList: 'lo',
        publicIp: undefined,
      },
      { dataDir, logger },
    );
    try {
      expect(plane.nodes()).toEqual([{ name: 'embedded', status: 'up' }]);
      const session = await plane.pick().createSession();
      await session.close();
    } finally {
      await plane.close();
      await rm(dataDir, { recursive: true, force: true });
    }
    expect(plane.nodes()).toEqual([{ name: 'embedded', status: 'down' }]);
  });

  it('kills a Janus left behind by a crashed earlier run of the server', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'treffpunkt-stale-'));
    const options = { binary: 'janus', dataDir, rtpPortRange: '44000-44999', logger: captureLogs().logger };
    // `crashed` stands for the dead server: its restart timer never fires within the test.
    const crashed = new EmbeddedJanus({ ...options, restartMinMs: 60_000 });
    await crashed.start();
    const orphan = crashed.pid!;
    const next = new EmbeddedJanus(options);
    try {
      await next.start();
      expect(processExists(orphan)).toBe(false);
      expect(next.pid).not.toBe(orphan);
    } finally {
      await crashed.stop();
      await next.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('reports a Janus that exits during start-up', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'treffpunkt-badjanus-'));
    const janus = new EmbeddedJanus({
      binary: '/bin/false',
      dataDir,
      rtpPortRange: '43000-43999',
      logger: captureLogs().logger,
    });
    await expect(janus.start()).rejects.toThrow(/janus exited during start-up \(code 1\)/);
    await janus.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says how to install Janus when the binary is missing', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'treffpunkt-nojanus-'));
    const janus = new EmbeddedJanus({
      binary: path.join(dataDir, 'no-such-janus'),
      dataDir,
      rtpPortRange: '43000-43999',
      logger: captureLogs().logger,
    });
    const error = await janus.start().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JanusStartError);
    expect((error as Error).message).toBe('janus is not installed — run: apt-get install -y janus');
    await rm(dataDir, { recursive: true, force: true });
  });
});
