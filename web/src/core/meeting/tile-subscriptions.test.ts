import type { ClientMessage } from '@treffpunkt/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { initialMeetingState } from './meeting-defaults';
import type { MeetingState } from './meeting-types';
import { participant } from './test/participants';
import { TileSubscriptions } from './tile-subscriptions';

describe('TileSubscriptions', () => {
  let state: MeetingState;
  let sent: ClientMessage[];
  let tiles: TileSubscriptions;
  beforeEach(() => {
    vi.useFakeTimers();
    state = {
      ...initialMeetingState(undefined),
      phase: 'in_room',
      participantId: 'me',
      participants: [participant('anna', { cameraOn: true })],
    };
    sent = [];
    tiles = new TileSubscriptions(
      () => state,
      (message) => sent.push(message),
    );
  });
  afterEach(() => vi.useRealTimers());

  const anna = { participantId: 'anna', kind: 'camera' as const, size: 'small' as const };

  it('collects changes and sends the complete list once, only when it changed', async () => {
    tiles.setVisible([anna]);
    tiles.setVisible([anna, { ...anna, participantId: 'ghost' }]);
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toEqual([
      { type: 'video.subscribe', feeds: [{ participantId: 'anna', kind: 'camera', quality: 'low' }] },
    ]);
    tiles.refresh();
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toHaveLength(1);
    state = { ...state, participants: [participant('anna')] };
    tiles.refresh();
    await vi.advanceTimersByTimeAsync(300);
    expect(sent.at(-1)).toEqual({ type: 'video.subscribe', feeds: [] });
  });

  it('sends again after a rejoin, with restart when the receiving connection must be rebuilt', async () => {
    tiles.setVisible([anna]);
    await vi.advanceTimersByTimeAsync(300);
    tiles.resend(true);
    await vi.advanceTimersByTimeAsync(300);
    expect(sent.at(-1)).toMatchObject({ type: 'video.subscribe', restart: true });
    tiles.resend();
    await vi.advanceTimersByTimeAsync(300);
    expect(sent.at(-1)).not.toHaveProperty('restart');
  });

  it('stays quiet outside the room', async () => {
    state = { ...state, phase: 'reconnecting' };
    tiles.setVisible([anna]);
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toEqual([]);
  });
});
