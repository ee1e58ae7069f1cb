import { afterEach, describe, expect, it } from 'vitest';
import { offer } from './test/fake-room-media.js';
import { roomKit, tick } from './test/room-kit.js';

describe('room service: entry, waiting room, moderation, resume (fakes)', () => {
  let kit: ReturnType<typeof roomKit>;
  afterEach(async () => {
    await kit.close();
  });

  it('tells a waiting client nothing about the meeting until a host admits it', async () => {
    kit = roomKit();
    const guest = await kit.joinGuest('Gerda Gast');
    expect(guest.connection.received).toEqual([
      expect.objectContaining({ type: 'room.joined', status: 'waiting' }),
      { type: 'room.waiting', reason: 'host_absent' },
    ]);
    expect(kit.media.audioRooms).toHaveLength(0);
    const host = await kit.joinHost();
    expect(host.joined.status).toBe('admitted');
    expect(host.connection.types()).toEqual(['room.joined', 'room.state', 'room.waitingList']);
    expect(host.connection.last('room.waitingList')?.waiting).toEqual([
      { participantId: guest.participantId, displayName: 'Gerda Gast', via: 'browser' },
    ]);
    // While waiting: the reason changed, nothing else — no roster, no title, no media.
    expect(guest.connection.types()).toEqual(['room.joined', 'room.waiting', 'room.waiting']);
    expect(guest.connection.last('room.waiting')?.reason).toBe('waiting_room');
    await expect(kit.send(guest.connection, { type: 'audio.offer', id: 'a1', offer })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      kit.send(guest.connection, { type: 'reaction.send', reaction: 'heart' }),
    ).rejects.toMatchObject({ code: 'forbidden' });

    await kit.send(host.connection, { type: 'host.admit', participantId: guest.participantId });
    const state = guest.connection.last('room.state');
    expect(state?.title).toBe('Gesprächskreis Trauer');
    expect(state?.participants.map((p) => p.participantId).sort()).toEqual(
      [host.participantId, guest.participantId].sort(),
    );
    expect(host.connection.last('room.participant')?.participant.displayName).toBe('Gerda Gast');
    expect(host.connection.last('room.waitingList')?.waiting).toEqual([]);
    expect(kit.media.audioRooms).toHaveLength(1);
  });

  it('denies from the waiting room, and admits everyone up to the limit', async () => {
    kit = roomKit();
    kit.meeting.settings = { ...kit.meeting.settings, maxParticipants: 2 };
    const host = await kit.joinHost();
    const a = await kit.joinGuest('A');
    const b = await kit.joinGuest('B');
    // The waiting list is bounded like the meeting.
    await expect(kit.joinGuest('X')).rejects.toMatchObject({ code: 'meeting_full' });
    await kit.send(host.connection, { type: 'host.deny', participantId: a.participantId });
    expect(a.connection.last('room.ended')).toEqual({ type: 'room.ended', reason: 'denied' });
    const c = await kit.joinGuest('C');
    await kit.send(host.connection, { type: 'host.admit', participantId: 'all' });
    expect(b.connection.last('room.state')).toBeDefined();
    expect(c.connection.last('room.state')).toBeUndefined();
    await expect(
      kit.send(host.connection, { type: 'host.admit', participantId: c.participantId }),
    ).rejects.toMatchObject({ code: 'meeting_full' });
    expect(host.connection.last('room.waitingList')?.waiting.map((w) => w.participantId)).toEqual([
      c.participantId,
    ]);
  });

  it('a host mute holds against self-unmute while that is off; asking to unmute lifts it', async () => {
    kit = roomKit();
    kit.meeting.settings = { ...kit.meeting.settings, waitingRoom: false, allowSelfUnmute: false };
    const host = await kit.joinHost();
    const p = await kit.joinGuest('Paul');
    await kit.send(p.connection, { type: 'audio.offer', id: 'a1', offer });
    const leg = kit.media.audio.legs.get(p.participantId)!;
    expect(leg.muted).toBe(false);

    await kit.send(host.connection, { type: 'host.mute', participantId: p.participantId });
    expect(leg.muted).toBe(true);
    expect(p.connection.last('room.notice')).toEqual({ type: 'room.notice', notice: 'muted_by_host' });
    expect(host.connection.last('room.participant')?.participant).toMatchObject({
      participantId: p.participantId,
      micMuted: true,
      mutedByHost: true,
    });
    await expect(kit.send(p.connection, { type: 'self.update', micMuted: false })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/raise your hand/) as unknown,
    });
    expect(leg.muted).toBe(true);

    await kit.send(host.connection, { type: 'host.askUnmute', participantId: p.participantId });
    expect(p.connection.last('room.notice')?.notice).toBe('asked_to_unmute');
    await kit.send(p.connection, { type: 'self.update', micMuted: false });
    expect(leg.muted).toBe(false);

    await kit.send(host.connection, { type: 'host.mute', participantId: 'all' });
    expect(leg.muted).toBe(true);
    await kit.send(host.connection, { type: 'host.settings', allowSelfUnmute: true });
    expect(p.connection.last('room.settings')?.settings.allowSelfUnmute).toBe(true);
    await kit.send(p.connection, { type: 'self.update', micMuted: false });
    expect(leg.muted).toBe(false);
  });

  it('closes the audio leg when the mixer refuses a mute: nobody stays audible who must not be', async () => {
    kit = roomKit();
    kit.meeting.settings = { ...kit.meeting.settings, waitingRoom: false };
    const host = await kit.joinHost();
    const p = await kit.joinGuest('Paul');
    await kit.send(p.connection, { type: 'audio.offer', id: 'a1', offer });
    const leg = kit.media.audio.legs.get(p.participantId)!;
    kit.media.audio.failMutes = true;
    await kit.send(host.connection, { type: 'host.mute', participantId: p.participantId });
    expect(leg.closeReason).toBe('closed');
  });

  it('refuses everything moderating to participants, and appointed co-hosts can admit but not end', async () => {
    kit = roomKit();
    const host = await kit.joinHost();
    const p = await kit.joinGuest('Paula');
    await kit.send(host.connection, { type: 'host.admit', participantId: p.participantId });
    const w = await kit.joinGuest('Willi');
    for (const message of [
      { type: 'host.admit', participantId: w.participantId },
      { type: 'host.mute', participantId: host.participantId },
      { type: 'host.lock', locked: true },
      { type: 'host.end' },
      { type: 'host.remove', participantId: host.participantId },
    ] as const) {
      await expect(kit.send(p.connection, message)).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(p.connection.of('room.waitingList')).toEqual([]);
    await kit.send(host.connection, { type: 'host.setRole', participantId: p.participantId, role: 'cohost' });
    expect(p.connection.last('room.waitingList')?.waiting).toHaveLength(1);
    await kit.send(p.connection, { type: 'host.admit', participantId: w.participantId });
    await expect(kit.send(p.connection, { type: 'host.end' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      kit.send(p.connection, { type: 'host.remove', participantId: host.participantId }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('lock refuses newcomers; a removed person cannot come back', async () => {
    kit = roomKit();
    kit.meeting.settings = { ...kit.meeting.settings, waitingRoom: false };
    const host = await kit.joinHost();
    const token = kit.resolver.invite(kit.meeting.meetingId, 'Troll');
    const troll = await kit.join({ kind: 'invitation', token });
    await kit.send(troll.connection, { type: 'audio.offer', id: 'a1', offer });
    await kit.send(host.connection, { type: 'host.remove', participantId: troll.participantId });
    expect(troll.connection.last('room.ended')?.reason).toBe('removed');
    expect(host.connection.last('room.participantLeft')?.participantId).toBe(troll.participantId);
    expect(kit.media.audio.legs.has(troll.participantId)).toBe(false);
    await expect(kit.send(troll.connection, { type: 'self.update', handRaised: true })).rejects.toMatchObject(
      {
        code: 'not_in_room',
      },
    );
    await expect(kit.join({ kind: 'invitation', token })).rejects.toMatchObject({ code: 'removed' });

    await kit.send(host.connection, { type: 'host.lock', locked: true });
    expect(host.connection.last('room.settings')?.settings.locked).toBe(true);
    await expect(kit.joinGuest('Late')).rejects.toMatchObject({ code: 'meeting_locked' });
    await kit.send(host.connection, { type: 'host.lock', locked: false });
    expect((await kit.joinGuest('Late')).joined.status).toBe('admitted');
  });

  it('keeps the hand queue in order and tells people whose hand a host lowered', async () => {
    kit = roomKit();
    kit.meeting.settings = { ...kit.meeting.settings, waitingRoom: false };
    const host = await kit.joinHost();
    const a = await kit.joinGuest('A');
    const b = await kit.joinGuest('B');
    await kit.send(b.connection, { type: 'self.update', handRaised: true });
    await tick(2);
    await kit.send(a.connection, { type: 'self.update', handRaised: true });
    const hands = () =>
      [a, b].map(
        (who) =>
          host.connection
            .of('room.participant')
            .filter((m) => m.participant.participantId === who.participantId)
            .at(-1)?.participant.handRaisedAt,
      );
    const [aAt, bAt] = hands();
    expect(bAt).toBeLessThan(aAt!);
    await kit.send(host.connection, { type: 'host.lowerHand', participantId: 'all' });
    expect(hands()).toEqual([null, null]);
    expect(a.connection.last('room.notice')?.notice).toBe('hand_lowered');
    expect(b.connection.last('room.notice')?.notice).toBe('hand_lowered');
  });

  it('keeps a dropped participant’s seat and media for the grace period; the resume token takes it back', async () => {
    kit = roomKit({ reconnectGraceMs: 150 });
    kit.meeting.settings = { ...kit.meeting.settings, waitingRoom: true };
    const host = await kit.joinHost();
    const p = await kit.join({ kind: 'meeting', meetingId: kit.meeting.meetingId });
    await kit.send(host.connection, { type: 'host.admit', participantId: p.participantId });
    await kit.send(p.connection, { type: 'audio.offer', id: 'a1', offer });
    const leg = kit.media.audio.legs.get(p.participantId)!;

    p.connection.close();
    expect(host.connection.last('room.participant')?.participant.connection).toBe('reconnecting');
    // Anonymous (meeting ID) credential: the token is the proof.
    const again = await kit.join(
      { kind: 'meeting', meetingId: kit.meeting.meetingId },
      { resumeToken: p.resumeToken },
    );
    expect(again.participantId).toBe(p.participantId);
    expect(again.joined.status).toBe('admitted');
    expect(again.resumeToken).not.toBe(p.resumeToken);
    expect(again.connection.types()).toEqual(['room.joined', 'room.state', 'room.participant']);
    expect(leg.closed).toBe(false);
    expect(host.connection.last('room.participant')?.participant.connection).toBe('good');
    // The old token was replaced: it is worth nothing now (it resolves as a new, anonymous guest).
    const stale = await kit.join(
      { kind: 'meeting', meetingId: kit.meeting.meetingId },
      { resumeToken: p.resumeToken },
    );
    expect(stale.joined.status).toBe('waiting');

    again.connection.close();
    await tick(250);
    expect(host.connection.last('room.participantLeft')?.participantId).toBe(p.participantId);
    expect(leg.closed).toBe(true);
  });

  it('seats people with the microphone they chose before joining; mute on entry still mutes participants', async () => {
    kit = roomKit();
    kit.meeting.settings = { ...kit.meeting.settings, waitingRoom: false, muteOnEntry: false };
    const host = await kit.joinHost();
    const quiet = await kit.join(
      { kind: 'invitation', token: kit.resolver.invite(kit.meeting.meetingId, 'Quirin') },
      { micMuted: true },
    );
    expect(quiet.connection.last('room.state')?.you).toMatchObject({ micMuted: true, mutedByHost: false });
    expect(host.connection.last('room.participant')?.participant).toMatchObject({
      participantId: quiet.participantId,
      micMuted: true,
    });
    const open = await kit.join(
      { kind: 'invitation', token: kit.resolver.invite(kit.meeting.meetingId, 'Olga') },
      { micMuted: false },
    );
    expect(open.connection.last('room.state')?.you.micMuted).toBe(false);
  });

  it('refuses a second window of the same person, unless the first is reconnecting or it resumes', async () => {
    kit = roomKit();
    kit.meeting.settings = { ...kit.meeting.settings, waitingRoom: false };
    await kit.joinHost();
    const token = kit.resolver.invite(kit.meeting.meetingId, 'Paul');
    const first = await kit.join({ kind: 'invitation', token });
    await expect(kit.join({ kind: 'invitation', token })).rejects.toMatchObject({
      code: 'already_in_meeting',
      message: 'You are already in this meeting in another window.',
    });
    const second = await kit.join({ kind: 'invitation', token }, { resumeToken: first.resumeToken });
    expect(second.participantId).toBe(first.participantId);
    expect(first.connection.last('room.ended')?.reason).toBe('replaced');
    await expect(kit.send(first.connection, { type: 'self.update', handRaised: true })).rejects.toMatchObject(
      {
        code: 'not_in_room',
      },
    );
    second.connection.close();
    const third = await kit.join({ kind: 'invitation', token });
    expect(third.participantId).toBe(first.participantId);
  });

  it('ends the meeting for everyone, waiting people included, and destroys its rooms', async () => {
    kit = roomKit();
    const host = await kit.joinHost();
    const p = await kit.joinGuest('P');
    await kit.send(host.connection, { type: 'host.admit', participantId: p.participantId });
    const w = await kit.joinGuest('W');
    await kit.send(host.connection, { type: 'host.end' });
    for (const who of [host, p, w]) {
      expect(who.connection.last('room.ended')).toEqual({ type: 'room.ended', reason: 'host_ended' });
    }
    expect(kit.media.audio.closed).toBe(true);
    expect(kit.media.video.closed).toBe(true);
    expect(kit.registry.size).toBe(0);
  });

  it('uses the chosen name unless names are locked; rate-limits reactions; logs no names or tokens', async () => {
    kit = roomKit({ reactions: { burst: 2, perSecond: 0.1 } });
    kit.meeting.settings = { ...kit.meeting.settings, waitingRoom: false, joinBeforeHost: true };
    const chosen = await kit.join(
      { kind: 'invitation', token: kit.resolver.invite(kit.meeting.meetingId, 'Invited Name') },
      { displayName: 'Chosen Name' },
    );
    expect(chosen.connection.last('room.state')?.you.displayName).toBe('Chosen Name');
    await kit.send(chosen.connection, { type: 'reaction.send', reaction: 'heart' });
    await kit.send(chosen.connection, { type: 'reaction.send', reaction: 'heart' });
    await expect(
      kit.send(chosen.connection, { type: 'reaction.send', reaction: 'heart' }),
    ).rejects.toMatchObject({ code: 'rate_limited' });
    expect(chosen.connection.of('room.reaction')).toHaveLength(2);

    const locked = roomKit();
    locked.meeting.settings = {
      ...locked.meeting.settings,
      lockNames: true,
      waitingRoom: false,
      joinBeforeHost: true,
    };
    const named = await locked.join(
      { kind: 'invitation', token: locked.resolver.invite(locked.meeting.meetingId, 'Invited Name') },
      { displayName: 'Chosen Name' },
    );
    expect(named.connection.last('room.state')?.you.displayName).toBe('Invited Name');
    await locked.close();

    const text = JSON.stringify(kit.logs);
    expect(text).not.toMatch(/Chosen Name|Invited Name|Gesprächskreis/);
    expect(text).not.toContain(chosen.resumeToken);
  });

  it('passes the resolver’s refusals on, and one connection holds one seat', async () => {
    kit = roomKit();
    kit.resolver.addMeeting({ meetingId: '5555555555', passcode: 'Geheim22' });
    await expect(kit.join({ kind: 'meeting', meetingId: '5555555555' })).rejects.toMatchObject({
      code: 'passcode_required',
    });
    await expect(
      kit.join({ kind: 'meeting', meetingId: '5555555555', passcode: 'falsch' }),
    ).rejects.toMatchObject({ code: 'passcode_wrong' });
    await expect(kit.join({ kind: 'host', meetingId: kit.meeting.meetingId })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const guest = await kit.join({ kind: 'meeting', meetingId: '5555555555', passcode: 'Geheim22' });
    await expect(
      kit.join(
        { kind: 'meeting', meetingId: '5555555555', passcode: 'Geheim22' },
        { connection: guest.connection },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await kit.send(guest.connection, { type: 'room.leave' });
    expect(guest.connection.last('room.ended')?.reason).toBe('left');
    expect(kit.registry.size).toBe(0);
  });
});
