import { describe, expect, it } from 'vitest';
import { endPage, joinOutcome } from './meeting-errors-fns';
import type { EndCause } from './meeting-types';

describe('joinOutcome', () => {
  it('asks for the passcode when the server wants it', () => {
    expect(joinOutcome('passcode_required')).toEqual({ kind: 'passcode', problem: 'required' });
    expect(joinOutcome('passcode_wrong')).toEqual({ kind: 'passcode', problem: 'wrong' });
  });
  it('ends with a clear cause for refusals and unreachable servers', () => {
    expect(joinOutcome('invitation_invalid')).toEqual({ kind: 'ended', cause: 'invitation_invalid' });
    expect(joinOutcome('meeting_locked')).toEqual({ kind: 'ended', cause: 'locked' });
    expect(joinOutcome('removed')).toEqual({ kind: 'ended', cause: 'removed' });
    // Not "no access": the person may come in, just not twice at once.
    expect(joinOutcome('already_in_meeting')).toEqual({ kind: 'ended', cause: 'already_in_meeting' });
    expect(joinOutcome('timeout')).toEqual({ kind: 'ended', cause: 'unreachable' });
    expect(joinOutcome('unknown_type')).toEqual({ kind: 'ended', cause: 'unavailable' });
  });
  it('treats passing trouble as worth another try', () => {
    expect(joinOutcome('rate_limited')).toEqual({ kind: 'retry' });
    expect(joinOutcome('media_unavailable')).toEqual({ kind: 'retry' });
  });
});

describe('endPage', () => {
  const causes: EndCause[] = [
    'host_ended',
    'removed',
    'denied',
    'locked',
    'media_lost',
    'replaced',
    'left',
    'server_shutdown',
    'invitation_invalid',
    'not_found',
    'forbidden',
    'already_in_meeting',
    'meeting_full',
    'unreachable',
    'connection_lost',
    'unavailable',
  ];
  it('has a distinct page for every cause', () => {
    const keys = causes.map((cause) => endPage(cause).key);
    expect(new Set(keys).size).toBe(causes.length);
  });
  it('offers to join again only where that can work', () => {
    expect(endPage('host_ended').canRejoin).toBe(false);
    expect(endPage('removed').canRejoin).toBe(false);
    expect(endPage('denied').canRejoin).toBe(false);
    expect(endPage('connection_lost').canRejoin).toBe(true);
    expect(endPage('already_in_meeting').canRejoin).toBe(true);
    expect(endPage('left')).toEqual({ key: 'left', canRejoin: true, tone: 'calm' });
  });
});
