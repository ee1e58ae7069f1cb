import { describe, expect, it } from 'vitest';
import { participant } from '../../core/meeting/test/participants';
import { hostMenuActions } from './host-menu-fns';

describe('hostMenuActions', () => {
  const host = participant('host', { role: 'host' });
  const cohost = participant('co', { role: 'cohost' });

  it('offers a host everything that changes something for a participant', () => {
    expect(
      hostMenuActions(host, participant('anna', { micMuted: false, cameraOn: true, handRaisedAt: 1 })),
    ).toEqual(['mute', 'stopVideo', 'lowerHand', 'makeCohost', 'remove']);
    expect(hostMenuActions(host, participant('anna'))).toEqual(['askUnmute', 'makeCohost', 'remove']);
  });

  it('lets a co-host moderate but not appoint, and not remove another co-host', () => {
    expect(hostMenuActions(cohost, participant('anna'))).toEqual(['askUnmute', 'remove']);
    expect(hostMenuActions(cohost, participant('co2', { role: 'cohost', micMuted: false }))).toEqual([
      'mute',
    ]);
    expect(hostMenuActions(cohost, participant('h', { role: 'host', micMuted: false }))).toEqual([]);
    expect(hostMenuActions(host, cohost)).toEqual(['askUnmute', 'removeCohost', 'remove']);
  });

  it('offers nothing to participants or on oneself', () => {
    expect(hostMenuActions(participant('p'), participant('anna'))).toEqual([]);
    expect(hostMenuActions(host, host)).toEqual([]);
    expect(hostMenuActions(undefined, host)).toEqual([]);
  });
});
