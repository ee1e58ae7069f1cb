import { afterEach, describe, expect, it } from 'vitest';
import { captureLogs } from '../../media/test/log-capture.js';
import type { MixerBridge, PhoneAudio, PhoneCall, PhoneSeatEvents } from '../../telephony/dial-in-port.js';
import type { RoomEntry } from '../rooms/rooms-types.js';
import { roomKit, tick } from '../rooms/test/room-kit.js';
import { createDialInRooms } from './dial-in-rooms.js';

/** The gateway's relay for one call, recording where the mixer was pointed. */
class RecordingAudio implements PhoneAudio {
  readonly codec = 'pcma' as const;
  readonly payloadType = 8;
  readonly connected: Array<{ ip: string; port: number }> = [];
  closed = false;
  async openBridge(): Promise<MixerBridge> {
    return {
      address: { ip: '127.0.0.1', port: 41_234 },
      connect: (mixer) => this.connected.push(mixer),
      close: () => {
        this.closed = true;
      },
    };
  }
}

describe('the gateway port over live rooms (fakes)', () => {
  let kit: ReturnType<typeof roomKit>;
  afterEach(async () => {
    await kit.close();
  });

  async function dialIn(name: string, pin = '123456') {
    const entry = await kit.resolver.resolve(
      { kind: 'invitation', token: kit.resolver.invite(kit.meeting.meetingId, name) },
      {},
    );
    const alerts: string[] = [];
    const rooms = createDialInRooms({
      resolver: {
        resolvePhone: async (meetingId, typed) =>
          meetingId === kit.meeting.meetingId && typed === pin ? { entry } : { failure: 'unknown' },
      },
      join: { alertPhoneGuessing: async (meetingId) => void alerts.push(meetingId) },
      registry: kit.registry,
      logger: captureLogs('silent').logger,
    });
    const audio = new RecordingAudio();
    const call: PhoneCall = { callId: 'call-1', callerKey: 'k', language: 'de', audio };
    const wrong = await rooms.resolve({
      meetingId: kit.meeting.meetingId,
      pin: '999999',
      callerKey: 'k',
      language: 'de',
    });
    const resolved = await rooms.resolve({
      meetingId: kit.meeting.meetingId,
      pin,
      callerKey: 'k',
      language: 'de',
    });
    if (!resolved.ok) {
      throw new Error('not resolved');
    }
    const seat = await rooms.enter(resolved.ticket, call);
    const heard: Array<[keyof PhoneSeatEvents, unknown]> = [];
    for (const event of ['waiting', 'admitted', 'muted', 'unmuted', 'ended'] as const) {
      seat.on(event, (...args: unknown[]) => heard.push([event, args[0]]));
    }
    await rooms.notifyFailures({ meetingId: kit.meeting.meetingId, failures: 5, lockedUntil: undefined });
    return { seat, heard, audio, wrong, entry: (resolved.ticket.data as { entry: RoomEntry }).entry, alerts };
  }

  it('takes a caller through the waiting room into the mix, and lets the host mute and end', async () => {
    kit = roomKit();
    kit.meeting.settings = { ...kit.meeting.settings, muteOnEntry: true };
    const host = await kit.joinHost();
    const phone = await dialIn('Erika M.');
    expect(phone.wrong).toEqual({ ok: false, reason: 'wrong' });
    expect(phone.alerts).toEqual([kit.meeting.meetingId]);
    await tick(5);
    expect(phone.heard).toEqual([['waiting', undefined]]);
    expect(phone.audio.connected).toEqual([]);

    const waiting = host.connection.last('room.waitingList')!.waiting[0]!;
    expect(waiting).toMatchObject({ displayName: 'Erika M.', via: 'phone' });
    await kit.send(host.connection, { type: 'host.admit', participantId: waiting.participantId });
    await tick(5);
    expect(phone.heard.at(-1)).toEqual(['admitted', { first: false, muted: true }]);
    // The mixer now sends to the relay and the relay to the mixer.
    expect(kit.media.audioRooms[0]!.phoneRemotes.get(waiting.participantId)).toEqual({
      ip: '127.0.0.1',
      port: 41_234,
      payloadType: 8,
    });
    expect(phone.audio.connected).toHaveLength(1);

    // *6 answers directly and is not announced as a host's action; a host's mute is.
    expect(await phone.seat.toggleSelfMute()).toBe('unmuted');
    await tick(5);
    expect(phone.heard.map(([event]) => event)).toEqual(['waiting', 'admitted']);
    await kit.send(host.connection, { type: 'host.mute', participantId: waiting.participantId });
    await tick(5);
    expect(phone.heard.at(-1)).toEqual(['muted', undefined]);

    await kit.send(host.connection, { type: 'host.end' });
    await tick(5);
    expect(phone.heard.at(-1)).toEqual(['ended', 'meeting_ended']);
    expect(phone.audio.closed).toBe(true);
  });

  it('tells a caller the meeting is locked, and leaves the room when the caller hangs up', async () => {
    kit = roomKit();
    kit.meeting.settings = { ...kit.meeting.settings, waitingRoom: false, joinBeforeHost: true };
    const first = await dialIn('Paul');
    await tick(5);
    expect(first.heard).toEqual([['admitted', { first: true, muted: false }]]);
    const host = await kit.joinHost();
    await kit.send(host.connection, { type: 'host.lock', locked: true });
    const second = await dialIn('Rita');
    await tick(5);
    expect(second.heard).toEqual([['ended', 'refused']]);

    await first.seat.leave();
    expect(host.connection.last('room.participantLeft')).toBeDefined();
    expect(first.audio.closed).toBe(true);
  });
});
