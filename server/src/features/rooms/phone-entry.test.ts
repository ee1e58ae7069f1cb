import { afterEach, describe, expect, it } from 'vitest';
import { captureLogs } from '../../media/test/log-capture.js';
import { enterByPhone, type PhoneRoomEvent } from './phone-entry.js';
import { roomKit, tick } from './test/room-kit.js';

describe('callers in the live room (fakes)', () => {
  let kit: ReturnType<typeof roomKit>;
  afterEach(async () => {
    await kit.close();
  });

  /** A caller the gateway has identified by PIN, with everything they would hear. */
  async function call(name: string) {
    const entry = await kit.resolver.resolve(
      { kind: 'invitation', token: kit.resolver.invite(kit.meeting.meetingId, name) },
      {},
    );
    const heard: PhoneRoomEvent[] = [];
    const seat = enterByPhone(kit.registry, entry, {
      onEvent: (event) => {
        heard.push(event);
      },
      log: captureLogs('silent').logger,
    });
    return { seat, heard };
  }

  it('waits in the waiting room like anyone, shows as a phone, and hears only what concerns the caller', async () => {
    kit = roomKit();
    kit.meeting.settings = { ...kit.meeting.settings, muteOnEntry: true };
    const phone = await call('Paul Telefon');
    expect(phone.heard).toEqual([{ kind: 'waiting' }]);
    const host = await kit.joinHost();
    expect(host.connection.last('room.waitingList')?.waiting).toEqual([
      { participantId: phone.seat.participantId, displayName: 'Paul Telefon', via: 'phone' },
    ]);
    await kit.send(host.connection, { type: 'host.admit', participantId: phone.seat.participantId });
    expect(phone.heard.at(-1)).toEqual({ kind: 'admitted', alone: false, muted: true });

    const local = await phone.seat.connectAudio('pcma', { ip: '127.0.0.1', port: 41_000, payloadType: 8 });
    expect(local.port).toBeGreaterThan(0);
    const audio = kit.media.audioRooms[0]!;
    expect(audio.phoneRemotes.get(phone.seat.participantId)).toEqual({
      ip: '127.0.0.1',
      port: 41_000,
      payloadType: 8,
    });
    // Muted on entry (the meeting's setting); *6 unmutes, the host mutes again and the caller is told.
    expect(await phone.seat.toggleMute()).toBe('unmuted');
    await kit.send(host.connection, { type: 'host.mute', participantId: phone.seat.participantId });
    await tick();
    expect(phone.heard).toContainEqual({ kind: 'unmuted' });
    expect(phone.heard.at(-1)).toEqual({ kind: 'muted', byHost: true });
    expect(audio.legs.get(phone.seat.participantId)?.muted).toBe(true);

    await kit.send(host.connection, { type: 'host.end' });
    expect(phone.heard.at(-1)).toEqual({ kind: 'ended', reason: 'host_ended' });
  });

  it('is told it is the first one in, and leaves at once when it hangs up', async () => {
    kit = roomKit();
    kit.meeting.settings = { ...kit.meeting.settings, waitingRoom: false, joinBeforeHost: true };
    const phone = await call('Paula');
    expect(phone.heard).toEqual([{ kind: 'admitted', alone: true, muted: false }]);
    const host = await kit.joinHost();
    expect(host.connection.last('room.state')?.participants.find((p) => p.via === 'phone')?.displayName).toBe(
      'Paula',
    );
    phone.seat.hangUp();
    phone.seat.hangUp();
    expect(host.connection.last('room.participantLeft')?.participantId).toBe(phone.seat.participantId);
  });

  it('is refused like anyone when the meeting is locked, and by name when removed', async () => {
    kit = roomKit();
    const host = await kit.joinHost();
    const phone = await call('Rita');
    await kit.send(host.connection, { type: 'host.admit', participantId: phone.seat.participantId });
    await kit.send(host.connection, { type: 'host.remove', participantId: phone.seat.participantId });
    expect(phone.heard.at(-1)).toEqual({ kind: 'ended', reason: 'removed' });
    await kit.send(host.connection, { type: 'host.lock', locked: true });
    await expect(call('Sven')).rejects.toMatchObject({ code: 'meeting_locked' });
  });
});
