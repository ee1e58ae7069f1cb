import { createSocket } from 'node:dgram';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAddressRules } from './net-fns.js';
import type { PromptLibrary } from './prompt-catalog.js';
import { RtpPortRange } from './rtp-ports.js';
import { SipGateway } from './sip-gateway.js';
import { bindUdpTransport } from './sip-transport.js';
import { BaresipPhone, rmsOf, sleep, until } from './test/baresip-phone.js';
import { FakeDialInRooms } from './test/fake-dial-in-rooms.js';
import { buildTestPrompts } from './test/test-prompts.js';

let prompts: PromptLibrary;
let gateway: SipGateway | undefined;
let phone: BaresipPhone | undefined;

beforeAll(async () => {
  prompts = await buildTestPrompts();
}, 60_000);

afterEach(async () => {
  await phone?.quit();
  phone = undefined;
  await gateway?.close();
  gateway = undefined;
});

async function startGateway(rooms: FakeDialInRooms, rate?: { capacity: number; refillPerSecond: number }) {
  const transport = await bindUdpTransport('127.0.0.1', 0);
  gateway = new SipGateway({
    transport,
    publicAddress: '127.0.0.1',
    rtpPorts: new RtpPortRange('127.0.0.1', 42000, 42999),
    bridgeHost: '127.0.0.1',
    trunk: parseAddressRules('127.0.0.1') ?? [],
    auth: undefined,
    maxCalls: 10,
    rooms,
    prompts,
    logger: pino({ level: 'silent' }),
    ...(rate ? { rate: { trunk: rate, other: rate } } : {}),
  });
  return {
    gateway,
    port: transport.address.port,
    target: `sip:dialin@127.0.0.1:${transport.address.port}`,
  };
}

describe('dial-in with a real phone (baresip on loopback)', () => {
  it('plays the menu, takes meeting ID and PIN as DTMF and seats the caller', async () => {
    const rooms = new FakeDialInRooms('1234567890', '4711');
    const { target } = await startGateway(rooms);
    phone = await BaresipPhone.dial(target);
    await phone.waitFor(/Call established/);
    // Let the welcome prompt play for a while: the recording must contain speech.
    await sleep(2500);
    await phone.type('1234567890#');
    await phone.type('4711#');
    await until(() => rooms.seats.length === 1);

    expect(rooms.requests).toEqual([
      expect.objectContaining({ meetingId: '1234567890', pin: '4711', language: 'de' }),
    ]);
    // The caller key is a hash, never the number baresip sent.
    expect(rooms.requests[0]?.callerKey).not.toContain('4930123456');
    expect(rooms.seats[0]?.call.audio.codec).toMatch(/^pcm[au]$/);

    await phone.quit();
    await until(() => rooms.seats[0]?.seat.left === true);
    const [recording] = await phone.recordings();
    expect(recording).toBeDefined();
    expect(await rmsOf(recording!)).toBeGreaterThan(0.01);
  });

  it('ends the call after three wrong entries', async () => {
    const rooms = new FakeDialInRooms('1234567890', '4711');
    const { gateway: gw, target } = await startGateway(rooms);
    phone = await BaresipPhone.dial(target);
    await phone.waitFor(/Call established/);
    await sleep(500);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await phone.type('1234567890#');
      await phone.type('0000#');
      await until(() => rooms.requests.length === attempt);
    }
    // "Das hat leider dreimal nicht geklappt … Auf Wiederhören", then our BYE.
    await phone.waitFor(/terminated/, 30_000);
    expect(gw.activeCalls).toBe(0);
    expect(rooms.requests.map((request) => request.pin)).toEqual(['0000', '0000', '0000']);
    expect(rooms.seats).toHaveLength(0);
  });
});

describe('SIP requests without a phone', () => {
  async function exchange(port: number, lines: string[], wait = 300): Promise<string[]> {
    const socket = createSocket('udp4');
    const replies: string[] = [];
    socket.on('message', (message) => replies.push(message.toString()));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const local = socket.address().port;
    for (const text of lines) {
      socket.send(text.replaceAll('LOCAL', String(local)), port, '127.0.0.1');
      await sleep(50);
    }
    await sleep(wait);
    socket.close();
    return replies.map((reply) => reply.split('\r\n')[0] ?? '');
  }

  const request = (method: string, branch: string, extra: string[] = []) =>
    [
      `${method} sip:dialin@127.0.0.1 SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:LOCAL;branch=z9hG4bK${branch}`,
      'From: <sip:tester@127.0.0.1>;tag=a',
      'To: <sip:dialin@127.0.0.1>',
      `Call-ID: call-${branch}`,
      `CSeq: 1 ${method}`,
      ...extra,
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');

  it('answers OPTIONS, refuses unknown and unsupported methods, and 400s a broken request', async () => {
    const { port } = await startGateway(new FakeDialInRooms('1234567890', '4711'));
    expect(await exchange(port, [request('OPTIONS', 'o1')])).toEqual(['SIP/2.0 200 OK']);
    expect(await exchange(port, [request('FOO', 'f1')])).toEqual(['SIP/2.0 501 Not Implemented']);
    expect(await exchange(port, [request('REGISTER', 'r1')])).toEqual(['SIP/2.0 405 Method Not Allowed']);
    expect(await exchange(port, [request('BYE', 'b1')])).toEqual([
      'SIP/2.0 481 Call/Transaction Does Not Exist',
    ]);
    expect(
      await exchange(port, [request('OPTIONS', 'x1').replace('CSeq: 1 OPTIONS', 'CSeq: 1 INVITE')]),
    ).toEqual(['SIP/2.0 400 CSeq Method Mismatch']);
    expect(await exchange(port, ['not sip at all\r\n\r\n'])).toEqual([]);
  });

  it('challenges callers outside the trunk with digest authentication', async () => {
    const transport = await bindUdpTransport('127.0.0.1', 0);
    gateway = new SipGateway({
      transport,
      publicAddress: '127.0.0.1',
      rtpPorts: new RtpPortRange('127.0.0.1', 42000, 42999),
      bridgeHost: '127.0.0.1',
      trunk: parseAddressRules('192.0.2.1') ?? [],
      auth: { user: 'trunk', password: 'correct horse battery', realm: 'treffpunkt' },
      maxCalls: 10,
      rooms: new FakeDialInRooms('1', '1'),
      prompts,
      logger: pino({ level: 'silent' }),
    });
    const replies = await exchange(transport.address.port, [request('INVITE', 'i1')]);
    expect(replies).toEqual(['SIP/2.0 401 Unauthorized']);
  });
});

describe('flood protection', () => {
  it('answers only a limited number of OPTIONS and INVITEs from one source', async () => {
    const rooms = new FakeDialInRooms('1234567890', '4711');
    const { port } = await startGateway(rooms, { capacity: 20, refillPerSecond: 5 });
    const socket = createSocket('udp4');
    let responses = 0;
    socket.on('message', () => (responses += 1));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    for (let index = 0; index < 500; index += 1) {
      const method = index % 2 === 0 ? 'OPTIONS' : 'INVITE';
      const message = [
        `${method} sip:dialin@127.0.0.1:${port} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${socket.address().port};branch=z9hG4bKflood${index}`,
        'From: <sip:flood@127.0.0.1>;tag=f',
        'To: <sip:dialin@127.0.0.1>',
        `Call-ID: flood-${index}`,
        `CSeq: 1 ${method}`,
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      socket.send(message, port, '127.0.0.1');
    }
    await sleep(1000);
    socket.close();
    // 20 at once plus what refills in the ~1 s the flood and the wait take; INVITEs get 100 + a final each.
    expect(responses).toBeGreaterThan(0);
    expect(responses).toBeLessThan(80);
    expect(rooms.requests).toHaveLength(0);
  });
});

afterAll(async () => {
  await phone?.quit();
});
