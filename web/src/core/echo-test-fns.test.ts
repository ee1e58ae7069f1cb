import { describe, expect, it } from 'vitest';
import { echoProblemFromError, echoProblemMessage } from './echo-test-fns';
import { SignallingError } from './signalling-client';

describe('echoProblemFromError', () => {
  it('keeps the code of a signalling failure', () => {
    expect(echoProblemFromError(new SignallingError('media_unavailable', 'x'))).toBe('media_unavailable');
    expect(echoProblemFromError(new SignallingError('connect_failed', 'x'))).toBe('connect_failed');
  });

  it('treats browser exceptions as a failed negotiation', () => {
    expect(echoProblemFromError(new Error('InvalidAccessError'))).toBe('negotiation_failed');
  });
});

describe('echoProblemMessage', () => {
  it.each([
    ['connect_failed', 'unreachable'],
    ['timeout', 'unreachable'],
    ['closed', 'unreachable'],
    ['media_unavailable', 'mediaUnavailable'],
    ['media_failed', 'mediaFailed'],
    ['ice_failed', 'network'],
    ['rate_limited', 'busy'],
    ['server_shutdown', 'restarting'],
    ['no_media', 'noMedia'],
    ['forbidden', 'generic'],
    ['internal_error', 'generic'],
  ] as const)('%s is explained as %s', (problem, message) => {
    expect(echoProblemMessage(problem)).toBe(message);
  });
});
