import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureLogs } from '../../media/test/log-capture.js';
import { DialInGuard } from '../../telephony/dial-in-guard.js';
import type { DialInRooms, MixerBridge, PhoneCall, PhoneSeat } from '../../telephony/dial-in-port.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import {
  meetingWorld,
  singleMeeting,
  type MeetingJson,
  type MeetingWorld,
} from '../meetings/test/meetings-helpers.js';
import { roomKit, tick } from '../rooms/test/room-kit.js';
import { createDialInRooms } from './dial-in-rooms.js';

type PinMeeting = MeetingJson & { phonePin: string | null };

const audio: PhoneCall['audio'] = {
  codec: 'pcma',
  payloadType: 8,
  openBridge: async (): Promise<MixerBridge> => ({
    address: { ip: '127.0.0.1', port: 41_000 },
    connect: () => undefined,
    close: () => undefined,
  }),
};

/**
 * The meeting-wide dial-in PIN over the real meetings services and database: the host switches it on, callers
 * with it get "Telefon 1", "Telefon 2", … (live room with fake media), and it is guessed no more easily than a
 * personal PIN.
 */
describe('the meeting-wide phone PIN', () => {
  let t: TestApp;
  let w: MeetingWorld;
  let kit: ReturnType<typeof roomKit>;
  let rooms: DialInRooms;
  let meeting: PinMeeting;

  const patch = async (body: Record<string, unknown>) => {
    const response = await w.hostClient.patch(`/api/meetings/${meeting.id}`, body);
    expect(response.statusCode).toBe(200);
    meeting = response.json<PinMeeting>();
    return meeting;
  };
  const text = async () =>
    (await w.hostClient.get(`/api/meetings/${meeting.id}/invitation-text?language=de`)).body;
  const request = (pin: string, callerKey = 'caller-a') =>
    ({ meetingId: meeting.meetingId, pin, callerKey, language: 'de' }) as const;

  async function call(pin: string, callId: string): Promise<PhoneSeat> {
    const resolved = await rooms.resolve(request(pin));
    if (!resolved.ok) {
      throw new Error(`not resolved: ${resolved.reason}`);
    }
    return rooms.enter(resolved.ticket, { callId, callerKey: 'caller-a', language: 'de', audio });
  }

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
    await w.adminClient.put('/api/admin/settings', {
      dialInNumbers: [{ label: 'Berlin', number: '+49 30 1234567' }],
    });
    meeting = (await w.hostClient.post('/api/meetings', singleMeeting(w.organisation.id))).json<PinMeeting>();
    await w.hostClient.post(`/api/meetings/${meeting.id}/invitations`, {
      invitees: [{ email: 'anna@example.org', name: 'Anna A.' }],
    });
  });
  beforeEach(() => {
    kit = roomKit();
    rooms = createDialInRooms({
      resolver: t.meetings.entryResolver,
      join: { alertPhoneGuessing: async () => undefined },
      registry: kit.registry,
      logger: captureLogs('silent').logger,
    });
  });
  afterEach(async () => {
    await kit.close();
  });
  afterAll(() => t.close());

  it('is off by default; on, it is shown to the host and in the shared text, renewable, and never for E2EE', async () => {
    expect(meeting.settings.phonePin).toBe(false);
    expect(meeting.phonePin).toBeNull();
    expect(await text()).not.toContain('PIN');

    const first = (await patch({ settings: { phonePin: true } })).phonePin;
    expect(first).toMatch(/^\d{6}$/);
    const annaPin = (
      await t.database.db.selectFrom('meeting_invitations').select('pin').executeTakeFirstOrThrow()
    ).pin;
    expect(first).not.toBe(annaPin);
    expect(await text()).toContain(`PIN für alle Anrufenden: ${first}`);
    // A second save of the form keeps the PIN; "new PIN" replaces it.
    expect((await patch({ settings: { phonePin: true, waitingRoom: true } })).phonePin).toBe(first);
    const renewed = (await patch({ renewPhonePin: true })).phonePin;
    expect(renewed).toMatch(/^\d{6}$/);
    expect(renewed).not.toBe(first);

    // End-to-end encrypted: no dial-in data at all, neither on the host's page nor in the text.
    const e2ee = await patch({ settings: { e2ee: true } });
    expect(e2ee.phonePin).toBeNull();
    expect(e2ee.dialIn).toEqual({ available: false, numbers: [] });
    const shared = await text();
    expect(shared).not.toMatch(/PIN|\+49 30|Telefon teilnehmen/);
    expect(shared).toContain('Ende-zu-Ende-verschlüsselt');
    expect((await patch({ settings: { e2ee: false } })).phonePin).toBe(renewed);

    // Off: gone; renewing what is off is refused.
    expect((await patch({ settings: { phonePin: false } })).phonePin).toBeNull();
    const refused = await w.hostClient.patch(`/api/meetings/${meeting.id}`, { renewPhonePin: true });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: 'phone_pin_off' });
  });

  it('seats callers as Telefon 1 and Telefon 2 in the waiting room; a freed number is given again', async () => {
    const pin = (await patch({ settings: { phonePin: true, waitingRoom: true } })).phonePin!;
    const resolved = await t.meetings.entryResolver.resolvePhone(meeting.meetingId, pin);
    expect(resolved).toMatchObject({
      numbered: true,
      entry: { role: 'participant', displayName: 'Telefon' },
    });
    const key = 'entry' in resolved ? resolved.entry.meetingKey : '';

    // Subscribed at once, as the gateway does: the seat emits on the next turn of the event loop, and the
    // second call's database work would otherwise let the first one's event pass unheard.
    const waiting: string[] = [];
    const first = await call(pin, 'call-1');
    first.on('waiting', () => waiting.push('first'));
    const second = await call(pin, 'call-2');
    second.on('waiting', () => waiting.push('second'));
    await tick(5);
    expect(waiting).toEqual(['first', 'second']);
    expect(kit.registry.namesIn(key)).toEqual(['Telefon 1', 'Telefon 2']);

    await first.leave();
    const third = await call(pin, 'call-3');
    expect(kit.registry.namesIn(key)).toEqual(['Telefon 2', 'Telefon 1']);
    await second.leave();
    await third.leave();
  });

  it('answers a switched-off PIN like a wrong one; guessing it meets the DialInGuard like any PIN', async () => {
    const pin = (await patch({ settings: { phonePin: true } })).phonePin!;
    await patch({ settings: { phonePin: false } });
    expect(await t.meetings.entryResolver.resolvePhone(meeting.meetingId, pin)).toEqual({
      failure: 'unknown',
    });
    expect(await rooms.resolve(request(pin))).toEqual({ ok: false, reason: 'wrong' });

    // On again (a new PIN): one caller tries PINs as the gateway does (check, resolve, count the failure).
    const current = (await patch({ settings: { phonePin: true } })).phonePin!;
    const pins = new Set(
      (await t.database.db.selectFrom('meeting_invitations').select('pin').execute()).map((row) => row.pin),
    );
    let now = 0;
    const guard = new DialInGuard(() => now);
    const delays: number[] = [];
    let locked = false;
    for (let guess = 0; guess < 12; guess += 1) {
      const verdict = guard.check('guesser', meeting.meetingId);
      if (verdict.locked) {
        locked = true;
        break;
      }
      delays.push(verdict.delayMs);
      now += verdict.delayMs + 1000;
      const wrong = String((Number(current) + 1 + guess) % 1_000_000).padStart(6, '0');
      if (pins.has(wrong)) {
        continue;
      }
      const result = await rooms.resolve({ ...request(wrong), callerKey: 'guesser' });
      expect(result).toEqual({ ok: false, reason: 'wrong' });
      guard.fail('guesser', meeting.meetingId);
    }
    expect(locked).toBe(true);
    expect(delays.slice(0, 3)).toEqual([0, 0, 0]);
    expect(delays.at(-1)).toBeGreaterThan(0);
    // Locked out: even the right PIN is not tried for this caller any more.
    expect(guard.check('guesser', meeting.meetingId)).toEqual({ locked: true });
  });
});
