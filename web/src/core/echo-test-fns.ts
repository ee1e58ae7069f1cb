import { SignallingError, type SignallingFailure } from './signalling-client';

/**
 * Why an echo test failed or ended, in terms the page explains:
 * signalling failures and server error codes, plus
 * - `ice_failed`: the media connection could not be made or broke off,
 * - `negotiation_failed`: the browser rejected the server's answer,
 * - `no_media`: there was no camera or microphone to send,
 * - `stopped`, `media_failed`, `server_shutdown`: the server's reasons in `echo.ended`.
 */
export type EchoProblem =
  SignallingFailure | 'ice_failed' | 'negotiation_failed' | 'no_media' | 'stopped' | 'server_shutdown';

/** Maps an exception from the start sequence to an {@link EchoProblem}. */
export function echoProblemFromError(error: unknown): EchoProblem {
  if (error instanceof SignallingError) {
    return error.code;
  }
  return 'negotiation_failed';
}

/**
 * How the page words a problem. Several codes share one explanation; people need to know what to do, not which
 * component failed.
 */
export type EchoProblemMessage =
  | 'unreachable'
  | 'mediaUnavailable'
  | 'mediaFailed'
  | 'network'
  | 'busy'
  | 'restarting'
  | 'noMedia'
  | 'stopped'
  | 'generic';

export function echoProblemMessage(problem: EchoProblem): EchoProblemMessage {
  switch (problem) {
    case 'connect_failed':
    case 'closed':
    case 'timeout':
      return 'unreachable';
    case 'media_unavailable':
      return 'mediaUnavailable';
    case 'media_failed':
    case 'negotiation_failed':
      return 'mediaFailed';
    case 'ice_failed':
      return 'network';
    case 'rate_limited':
      return 'busy';
    case 'server_shutdown':
      return 'restarting';
    case 'no_media':
      return 'noMedia';
    case 'stopped':
      return 'stopped';
    default:
      return 'generic';
  }
}
