import { describe, expect, it } from 'vitest';
import { can, decideEntry, decideRejoin, mayUnmuteSelf, settleWaiting } from './room-access-fns.js';
import {
  addParticipant,
  admit,
  blockIdentity,
  createResumeToken,
  createRoomState,
  hashResumeToken,
  lowerAllHands,
  lowerHand,
  muteAllByHost,
  muteByHost,
  newParticipant,
  newParticipantId,
  raiseHand,
  removeParticipant,
  setOwnMic,
  allowToSpeak,
  updateParticipant,
  type Participant,
  type RoomState,
} from './room-fns.js';
import { participantView, roomStateMessage, waitingListMessage } from './room-views-fns.js';
import type { RoomRole, RoomSettings } from './rooms-types.js';
import { defaultSettings } from './test/fake-entry-resolver.js';

function room(settings: Partial<RoomSettings> = {}): RoomState {
  return createRoomState({ title: 'Gruppe', settings: { ...defaultSettings, ...settings } });
}

function person(
  state: RoomState,
  id: string,
  role: RoomRole = 'participant',
  status: Participant['status'] = 'admitted',
): RoomState {
  const participant = newParticipant(
    state,
    { identityKey: `invitation:${id}`, role },
    { participantId: id, displayName: `Name ${id}`, status },
  );
  return addParticipant(state, participant);
}

const get = (state: RoomState, id: string) => state.participants.get(id)!;
const entry = (role: RoomRole, identityKey = `invitation:${Math.random()}`) => ({ role, identityKey });

describe('can: who may do what', () => {
  const state = ['host', 'cohost', 'participant', 'other'].reduce(
    (current, id) => person(current, id, id === 'other' ? 'participant' : (id as RoomRole)),
    person(room(), 'waiter', 'participant', 'waiting'),
  );
  const [host, cohost, participant, other, waiter] = ['host', 'cohost', 'participant', 'other', 'waiter'].map(
    (id) => get(state, id),
  ) as [Participant, Participant, Participant, Participant, Participant];

  it('lets hosts and co-hosts moderate participants, never participants', () => {
    for (const action of ['mute', 'stopVideo', 'askUnmute', 'remove', 'lowerHand'] as const) {
      expect(can(host, action, participant)).toBe(true);
      expect(can(cohost, action, participant)).toBe(true);
      expect(can(participant, action, other)).toBe(false);
    }
    for (const action of [
      'lock',
      'settings',
      'seeWaitingList',
      'admitAll',
      'muteAll',
      'lowerAllHands',
    ] as const) {
      expect([can(host, action), can(cohost, action), can(participant, action)]).toEqual([true, true, false]);
    }
  });

  it('keeps the ranks: nobody acts on a higher role; removing needs a strictly higher one', () => {
    expect(can(cohost, 'mute', host)).toBe(false);
    expect(can(cohost, 'remove', host)).toBe(false);
    expect(can(cohost, 'mute', cohost)).toBe(true);
    expect(can(cohost, 'remove', cohost)).toBe(false);
    expect(can(host, 'remove', cohost)).toBe(true);
    expect(can(host, 'remove', host)).toBe(false);
    expect(can(host, 'askUnmute', host)).toBe(false);
  });

  it('gives ending and appointing co-hosts to the host alone', () => {
    expect([can(host, 'end'), can(cohost, 'end'), can(participant, 'end')]).toEqual([true, false, false]);
    expect(can(host, 'setRole', participant)).toBe(true);
    expect(can(host, 'setRole', cohost)).toBe(true);
    expect(can(host, 'setRole', host)).toBe(false);
    expect(can(cohost, 'setRole', participant)).toBe(false);
  });

  it('admits and denies only the waiting, and moderation only reaches the admitted', () => {
    expect(can(host, 'admit', waiter)).toBe(true);
    expect(can(cohost, 'deny', waiter)).toBe(true);
    expect(can(host, 'admit', participant)).toBe(false);
    expect(can(host, 'mute', waiter)).toBe(false);
    expect(can(participant, 'admit', waiter)).toBe(false);
  });

  it('lets anyone lower their own hand, and a waiting person do nothing at all', () => {
    expect(can(participant, 'lowerHand', participant)).toBe(true);
    expect(can(participant, 'lowerHand', other)).toBe(false);
    for (const action of ['publish', 'react', 'raiseHand', 'lowerHand'] as const) {
      expect(can(waiter, action, waiter)).toBe(false);
    }
  });
});

describe('entry: waiting room, host presence, lock, limit, removal', () => {
  it('sends participants to the waiting room, lets hosts in directly', () => {
    const state = room({ waitingRoom: true, joinBeforeHost: true });
    expect(decideEntry(state, entry('participant'))).toEqual({ outcome: 'wait', reason: 'host_absent' });
    expect(decideEntry(state, entry('host'))).toEqual({ outcome: 'admit' });
    expect(decideEntry(state, entry('cohost'))).toEqual({ outcome: 'admit' });
    expect(decideEntry(person(state, 'h', 'host'), entry('participant'))).toEqual({
      outcome: 'wait',
      reason: 'waiting_room',
    });
  });

  it('without a waiting room admits at once, unless nobody may start before the host', () => {
    const open = room({ waitingRoom: false, joinBeforeHost: true });
    expect(decideEntry(open, entry('participant'))).toEqual({ outcome: 'admit' });
    const hostFirst = room({ waitingRoom: false, joinBeforeHost: false });
    expect(decideEntry(hostFirst, entry('participant'))).toEqual({ outcome: 'wait', reason: 'host_absent' });
    expect(decideEntry(person(hostFirst, 'h', 'host'), entry('participant'))).toEqual({ outcome: 'admit' });
  });

  it('when the host arrives, the waiting are admitted or move on to the waiting room', () => {
    let noWaitingRoom = room({ waitingRoom: false, joinBeforeHost: false });
    noWaitingRoom = settleWaiting(person(noWaitingRoom, 'early', 'participant', 'waiting'));
    expect(get(noWaitingRoom, 'early').waitingReason).toBe('host_absent');
    noWaitingRoom = settleWaiting(person(noWaitingRoom, 'h', 'host'));
    expect(get(noWaitingRoom, 'early').status).toBe('admitted');

    let withWaitingRoom = settleWaiting(
      person(room({ waitingRoom: true }), 'early', 'participant', 'waiting'),
    );
    withWaitingRoom = settleWaiting(person(withWaitingRoom, 'h', 'host'));
    expect(get(withWaitingRoom, 'early')).toMatchObject({ status: 'waiting', waitingReason: 'waiting_room' });
    // The host leaves again: the reason follows.
    withWaitingRoom = settleWaiting(removeParticipant(withWaitingRoom, 'h'));
    expect(get(withWaitingRoom, 'early').waitingReason).toBe('host_absent');
  });

  it('a locked meeting refuses newcomers (not hosts) and admits the waiting only by hand', () => {
    let state = person(
      room({ waitingRoom: false, joinBeforeHost: false }),
      'early',
      'participant',
      'waiting',
    );
    state = { ...state, locked: true };
    expect(decideEntry(state, entry('participant'))).toEqual({ outcome: 'refuse', code: 'meeting_locked' });
    expect(decideEntry(state, entry('host'))).toEqual({ outcome: 'admit' });
    state = settleWaiting(person(state, 'h', 'host'));
    expect(get(state, 'early')).toMatchObject({ status: 'waiting', waitingReason: 'waiting_room' });
    expect(get(admit(state, 'early'), 'early').status).toBe('admitted');
  });

  it('holds a hard limit of admitted people and of the waiting list; hosts still get in', () => {
    let full = room({ maxParticipants: 2, waitingRoom: false, joinBeforeHost: true });
    full = person(person(full, 'a'), 'b');
    expect(decideEntry(full, entry('participant'))).toEqual({ outcome: 'refuse', code: 'meeting_full' });
    expect(decideEntry(full, entry('host'))).toEqual({ outcome: 'admit' });
    let queue = room({ maxParticipants: 2 });
    queue = person(person(queue, 'w1', 'participant', 'waiting'), 'w2', 'participant', 'waiting');
    expect(decideEntry(queue, entry('participant'))).toEqual({ outcome: 'refuse', code: 'meeting_full' });
  });

  it('auto-admission stops at the limit and resumes when a seat frees up', () => {
    let state = room({ maxParticipants: 2, waitingRoom: false, joinBeforeHost: false });
    state = ['w1', 'w2', 'w3'].reduce((current, id) => person(current, id, 'participant', 'waiting'), state);
    state = settleWaiting(person(state, 'h', 'host'));
    expect(['w1', 'w2', 'w3'].map((id) => get(state, id).status)).toEqual(['admitted', 'waiting', 'waiting']);
    state = settleWaiting(removeParticipant(state, 'w1'));
    expect(get(state, 'w2').status).toBe('admitted');
  });

  it('a removed identity is refused, even as a host, and stays blocked', () => {
    let state = person(room(), 'troll');
    state = removeParticipant(blockIdentity(state, 'invitation:troll'), 'troll');
    expect(decideEntry(state, entry('participant', 'invitation:troll'))).toEqual({
      outcome: 'refuse',
      code: 'removed',
    });
    expect(decideEntry(state, entry('host', 'invitation:troll')).outcome).toBe('refuse');
    expect(decideEntry(state, entry('participant', 'invitation:other')).outcome).toBe('wait');
  });
});

describe('hand queue ("Redeliste")', () => {
  it('keeps the order hands went up; raising again keeps the place; leaving drops it', () => {
    let state = ['a', 'b', 'c'].reduce((current, id) => person(current, id), room());
    state = raiseHand(state, 'b', 100);
    state = raiseHand(state, 'a', 200);
    state = raiseHand(state, 'c', 300);
    state = raiseHand(state, 'b', 400);
    expect(state.handQueue).toEqual(['b', 'a', 'c']);
    expect(get(state, 'b').handRaisedAt).toBe(100);
    state = lowerHand(state, 'a');
    expect(state.handQueue).toEqual(['b', 'c']);
    state = removeParticipant(state, 'b');
    expect(state.handQueue).toEqual(['c']);
    state = lowerAllHands(raiseHand(state, 'a', 500));
    expect(state.handQueue).toEqual([]);
    expect([...state.participants.values()].every((p) => p.handRaisedAt === null)).toBe(true);
  });

  it('a waiting person cannot raise a hand', () => {
    const state = raiseHand(person(room(), 'w', 'participant', 'waiting'), 'w', 1);
    expect(state.handQueue).toEqual([]);
  });
});

describe('mute by host and self-unmute', () => {
  it('a host mute holds while self-unmute is off, until asked to unmute', () => {
    let state = person(person(room({ allowSelfUnmute: false }), 'h', 'host'), 'p');
    state = muteByHost(state, 'p');
    expect(participantView(state, get(state, 'p'))).toMatchObject({ micMuted: true, mutedByHost: true });
    expect(mayUnmuteSelf(state, get(state, 'p'))).toBe(false);
    expect(mayUnmuteSelf({ ...state, allowSelfUnmute: true }, get(state, 'p'))).toBe(true);
    expect(participantView({ ...state, allowSelfUnmute: true }, get(state, 'p')).mutedByHost).toBe(false);
    state = allowToSpeak(state, 'p');
    expect(mayUnmuteSelf(state, get(state, 'p'))).toBe(true);
    state = setOwnMic(state, 'p', false);
    expect(get(state, 'p')).toMatchObject({ micMuted: false, hostMuted: false });
  });

  it('mute on entry applies to participants, and mute-all spares hosts and co-hosts', () => {
    let state = room({ muteOnEntry: true, allowSelfUnmute: false });
    state = person(person(person(state, 'h', 'host'), 'c', 'cohost'), 'p');
    expect([get(state, 'h').micMuted, get(state, 'p').micMuted]).toEqual([false, true]);
    expect(mayUnmuteSelf(state, get(state, 'p'))).toBe(false);
    state = person(updateParticipant(state, 'p', { micMuted: false, hostMuted: false }), 'q');
    const { state: muted, muted: ids } = muteAllByHost(setOwnMic(state, 'q', false));
    expect(ids).toEqual(['p', 'q']);
    expect(['h', 'c', 'p', 'q'].map((id) => get(muted, id).micMuted)).toEqual([false, false, true, true]);
  });
});

describe('resume and second windows', () => {
  it('a resume token takes its own seat back; someone else’s token does not', () => {
    const state = person(room(), 'p');
    expect(decideRejoin(state, 'invitation:p', 'p')).toEqual({ kind: 'resume', participantId: 'p' });
    expect(decideRejoin(state, 'invitation:q', 'p')).toEqual({ kind: 'new' });
    expect(decideRejoin(state, 'anonymous:x', 'p')).toEqual({ kind: 'new' });
  });

  it('an anonymous guest (a new random key at every resolve) resumes by the token alone', () => {
    const guest = newParticipant(
      room(),
      { identityKey: 'anonymous:first', role: 'participant' },
      { participantId: 'g', displayName: 'Gast', status: 'admitted' },
    );
    const state = addParticipant(room(), guest);
    expect(decideRejoin(state, 'anonymous:second', 'g')).toEqual({ kind: 'resume', participantId: 'g' });
    expect(decideRejoin(state, 'anonymous:second', undefined)).toEqual({ kind: 'new' });
  });

  it('without a token: a reconnecting seat is taken over, a connected one refused', () => {
    const state = person(room(), 'p');
    expect(decideRejoin(state, 'invitation:p', undefined)).toEqual({ kind: 'duplicate' });
    const reconnecting = updateParticipant(state, 'p', { connection: 'reconnecting' });
    expect(decideRejoin(reconnecting, 'invitation:p', undefined)).toEqual({
      kind: 'take_over',
      participantId: 'p',
    });
  });

  it('tokens are 256 random bits, kept only as a hash', () => {
    const { token, hash } = createResumeToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(hashResumeToken(token));
    expect(hash).not.toContain(token);
    expect(createResumeToken().token).not.toBe(token);
    expect(newParticipantId()).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});

describe('views', () => {
  it('the snapshot lists only the admitted; the waiting list only the waiting', () => {
    let state = person(person(room({ cameraOffOnEntry: true }), 'h', 'host'), 'w', 'participant', 'waiting');
    state = settleWaiting(state);
    const snapshot = roomStateMessage(state, get(state, 'h'));
    expect(snapshot.participants.map((p) => p.participantId)).toEqual(['h']);
    expect(snapshot.settings).toEqual({
      locked: false,
      allowSelfUnmute: true,
      chatEnabled: true,
      screenShareLimit: 1,
      cameraOffOnEntry: true,
    });
    expect(waitingListMessage(state).waiting).toEqual([
      { participantId: 'w', displayName: 'Name w', via: 'browser' },
    ]);
  });
});
