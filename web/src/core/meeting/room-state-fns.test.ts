import type { ServerMessage } from '@treffpunkt/protocol';
import { describe, expect, it } from 'vitest';
import type { RoomModel } from './meeting-types';
import {
  handQueue,
  initialRoomModel,
  isModerator,
  pruneReactions,
  reduceRoom,
  REACTION_SHOWN_MS,
} from './room-state-fns';
import { participant } from './test/participants';

const settings = { locked: false, allowSelfUnmute: true, chatEnabled: true, screenShareLimit: 1 };
const me = participant('me', { displayName: 'Ich' });
const anna = participant('anna');
const bernd = participant('bernd');

function run(model: RoomModel, ...messages: ServerMessage[]) {
  let current = model;
  const effects = [];
  for (const message of messages) {
    const result = reduceRoom(current, message, 1000);
    current = result.model;
    effects.push(...result.effects);
  }
  return { model: current, effects };
}

const joined = (status: 'waiting' | 'admitted', id = 'me'): ServerMessage => ({
  type: 'room.joined',
  id: 'c1',
  participantId: id,
  resumeToken: 'token',
  status,
});
const state = (participants = [me, anna]): ServerMessage => ({
  type: 'room.state',
  you: me,
  title: 'Gesprächskreis',
  participants,
  settings,
});
const connecting: RoomModel = { ...initialRoomModel(), phase: 'connecting' };
const inRoom = run(connecting, joined('admitted'), state()).model;

describe('reduceRoom: entering', () => {
  it('goes to the waiting room, then into the room with media and an announcement', () => {
    const waiting = run(connecting, joined('waiting'), { type: 'room.waiting', reason: 'host_absent' });
    expect(waiting.model).toMatchObject({
      phase: 'waiting',
      waitingReason: 'host_absent',
      participantId: 'me',
    });
    expect(waiting.effects).toEqual([]);
    const admitted = run(waiting.model, state());
    expect(admitted.model).toMatchObject({
      phase: 'in_room',
      title: 'Gesprächskreis',
      waitingReason: undefined,
    });
    expect(admitted.effects).toEqual([{ type: 'startMedia' }, { type: 'announce', kind: 'admitted' }]);
  });

  it('keeps "you" out of the participant list and stores the settings', () => {
    expect(inRoom.you).toEqual(me);
    expect(inRoom.participants.map((p) => p.participantId)).toEqual(['anna']);
    expect(inRoom.settings).toEqual(settings);
  });

  it('starts media only for the first snapshot, not for later ones', () => {
    expect(run(inRoom, state([me, anna, bernd])).effects).toEqual([]);
  });

  it('after a reconnect with the same seat starts media again; with a new seat drops the old media first', () => {
    const reconnecting: RoomModel = { ...inRoom, phase: 'reconnecting' };
    expect(run(reconnecting, joined('admitted')).effects).toEqual([]);
    expect(run(reconnecting, joined('admitted'), state()).effects).toEqual([{ type: 'startMedia' }]);
    expect(run(reconnecting, joined('admitted', 'new-seat')).effects).toEqual([{ type: 'stopMedia' }]);
  });

  it('sent back to the waiting room stops media', () => {
    const result = run(inRoom, { type: 'room.waiting', reason: 'waiting_room' });
    expect(result.model.phase).toBe('waiting');
    expect(result.effects).toEqual([{ type: 'stopMedia' }]);
  });
});

describe('reduceRoom: people', () => {
  it('announces arrivals and departures by name', () => {
    const arrived = run(inRoom, { type: 'room.participant', participant: bernd });
    expect(arrived.model.participants.map((p) => p.participantId)).toEqual(['anna', 'bernd']);
    expect(arrived.effects).toEqual([{ type: 'announce', kind: 'joined', name: 'Bernd' }]);
    const left = run(arrived.model, { type: 'room.participantLeft', participantId: 'anna' });
    expect(left.model.participants.map((p) => p.participantId)).toEqual(['bernd']);
    expect(left.effects).toEqual([{ type: 'announce', kind: 'left', name: 'Anna' }]);
    expect(run(left.model, { type: 'room.participantLeft', participantId: 'nobody' }).model).toBe(left.model);
  });

  it('announces a raised hand once, and updates in place', () => {
    const raised = run(inRoom, { type: 'room.participant', participant: { ...anna, handRaisedAt: 5 } });
    expect(raised.effects).toEqual([{ type: 'announce', kind: 'handRaised', name: 'Anna' }]);
    const again = run(raised.model, {
      type: 'room.participant',
      participant: { ...anna, handRaisedAt: 5, cameraOn: true },
    });
    expect(again.effects).toEqual([]);
    expect(again.model.participants[0]?.cameraOn).toBe(true);
  });

  it('updates "you" and closes the microphone when a host mutes while self-unmute is off', () => {
    const strict = { ...inRoom, settings: { ...settings, allowSelfUnmute: false } };
    const muted = run(strict, { type: 'room.participant', participant: { ...me, mutedByHost: true } });
    expect(muted.model.you?.mutedByHost).toBe(true);
    expect(muted.effects).toEqual([{ type: 'forceMute' }]);
    const promoted = run(inRoom, { type: 'room.participant', participant: { ...me, role: 'cohost' } });
    expect(promoted.effects).toEqual([{ type: 'announce', kind: 'roleChanged' }]);
  });

  it('tracks who is talking and forgets people who left', () => {
    const talking = run(
      inRoom,
      { type: 'room.talking', participantId: 'anna', talking: true },
      { type: 'room.talking', participantId: 'me', talking: true },
      { type: 'room.talking', participantId: 'anna', talking: true },
    );
    expect(talking.model.talking).toEqual(['me', 'anna']);
    expect(run(talking.model, { type: 'room.participantLeft', participantId: 'anna' }).model.talking).toEqual(
      ['me'],
    );
    expect(
      run(talking.model, { type: 'room.talking', participantId: 'me', talking: false }).model.talking,
    ).toEqual(['anna']);
  });

  it('knows who is talking from the snapshot, for someone who arrives mid-sentence', () => {
    const snapshot = { ...state([me, anna, bernd]), talking: ['anna', 'gone'] } as ServerMessage;
    expect(run(connecting, joined('admitted'), snapshot).model.talking).toEqual(['anna']);
    // A snapshot without the list (an older server) keeps what is known about people still there.
    const talking = run(inRoom, { type: 'room.talking', participantId: 'anna', talking: true });
    expect(run(talking.model, state()).model.talking).toEqual(['anna']);
  });
});

describe('reduceRoom: waiting list, notices, settings, end', () => {
  it('chimes and announces only new people in the waiting room', () => {
    const first = run(inRoom, {
      type: 'room.waitingList',
      waiting: [{ participantId: 'w1', displayName: 'Wilma', via: 'browser' }],
    });
    expect(first.effects).toEqual([
      { type: 'chime' },
      { type: 'announce', kind: 'waitingArrived', name: 'Wilma' },
    ]);
    expect(first.model.waitingArrivals).toBe(1);
    const same = run(first.model, { type: 'room.waitingList', waiting: first.model.waiting });
    expect(same.effects).toEqual([]);
    expect(same.model.waitingArrivals).toBe(1);
    const emptied = run(first.model, { type: 'room.waitingList', waiting: [] });
    expect(emptied.model.waiting).toEqual([]);
  });

  it('turns host notices into effects', () => {
    const effectsOf = (notice: Extract<ServerMessage, { type: 'room.notice' }>['notice']) =>
      run(inRoom, { type: 'room.notice', notice }).effects.map((effect) => effect.type);
    expect(effectsOf('muted_by_host')).toEqual(['forceMute', 'announce']);
    expect(effectsOf('video_stopped_by_host')).toEqual(['stopCamera', 'announce']);
    expect(effectsOf('hand_lowered')).toEqual(['lowerHand', 'announce']);
    expect(effectsOf('asked_to_unmute')).toEqual(['announce']);
    expect(run(inRoom, { type: 'room.notice', notice: 'asked_to_unmute' }).model.notice).toBe(
      'asked_to_unmute',
    );
  });

  it('restarts media after the media server was rebuilt and clears the interruption notice', () => {
    const interrupted = run(inRoom, { type: 'room.notice', notice: 'media_interrupted' }).model;
    const restored = run(interrupted, { type: 'media.restart' });
    expect(restored.model.notice).toBeUndefined();
    expect(restored.effects).toEqual([{ type: 'restartMedia' }, { type: 'announce', kind: 'mediaRestored' }]);
    expect(run({ ...inRoom, phase: 'waiting' }, { type: 'media.restart' }).effects).toEqual([]);
  });

  it('announces locking and unlocking, not the first settings', () => {
    const locked = run(inRoom, { type: 'room.settings', settings: { ...settings, locked: true } });
    expect(locked.effects).toEqual([{ type: 'announce', kind: 'locked' }]);
    expect(run(locked.model, { type: 'room.settings', settings }).effects).toEqual([
      { type: 'announce', kind: 'unlocked' },
    ]);
    expect(run(initialRoomModel(), { type: 'room.settings', settings }).effects).toEqual([]);
  });

  it('ends with the server reason, or when removed by an error without id', () => {
    expect(run(inRoom, { type: 'room.ended', reason: 'host_ended' })).toMatchObject({
      model: { phase: 'ended', ended: 'host_ended' },
      effects: [{ type: 'stopMedia' }],
    });
    expect(run(inRoom, { type: 'error', error: 'removed', message: 'x' }).model.ended).toBe('removed');
    expect(run(inRoom, { type: 'error', error: 'rate_limited', message: 'x' }).model).toBe(inRoom);
  });

  it('reconnects (keeping the seat) when the server only restarts', () => {
    expect(run(inRoom, { type: 'room.ended', reason: 'server_shutdown' })).toMatchObject({
      model: { phase: 'reconnecting', ended: undefined },
      effects: [{ type: 'stopMedia' }, { type: 'announce', kind: 'reconnecting' }],
    });
    expect(
      run({ ...inRoom, phase: 'waiting' }, { type: 'room.ended', reason: 'server_shutdown' }).model.phase,
    ).toBe('reconnecting');
    // Back with the remembered seat: media starts again.
    const back = run(inRoom, { type: 'room.ended', reason: 'server_shutdown' }, joined('admitted'), state());
    expect(back.model.phase).toBe('in_room');
    expect(back.effects).toContainEqual({ type: 'startMedia' });
  });
});

describe('reactions', () => {
  it('numbers reactions and drops old ones', () => {
    const first = reduceRoom(
      inRoom,
      { type: 'room.reaction', participantId: 'anna', reaction: 'heart' },
      0,
    ).model;
    const second = reduceRoom(
      first,
      { type: 'room.reaction', participantId: 'anna', reaction: 'applause' },
      100,
    ).model;
    expect(second.reactions.map((r) => [r.seq, r.reaction])).toEqual([
      [1, 'heart'],
      [2, 'applause'],
    ]);
    expect(pruneReactions(second.reactions, 50 + REACTION_SHOWN_MS).map((r) => r.seq)).toEqual([2]);
    expect(pruneReactions(second.reactions, 10)).toBe(second.reactions);
  });
});

describe('handQueue', () => {
  it('orders raised hands by when they went up, including one’s own', () => {
    const queue = handQueue({ ...me, handRaisedAt: 20 }, [
      { ...anna, handRaisedAt: 30 },
      bernd,
      participant('carla', { handRaisedAt: 10 }),
      participant('dora', { handRaisedAt: 30, displayName: 'Aaron' }),
    ]);
    expect(queue.map((p) => p.participantId)).toEqual(['carla', 'me', 'dora', 'anna']);
    expect(handQueue(undefined, [bernd])).toEqual([]);
  });

  it('knows hosts and co-hosts as moderators', () => {
    expect(isModerator(participant('h', { role: 'host' }))).toBe(true);
    expect(isModerator(participant('c', { role: 'cohost' }))).toBe(true);
    expect(isModerator(anna)).toBe(false);
    expect(isModerator(undefined)).toBe(false);
  });
});
