import { describeError, type Logger } from '../../lib/logger.js';
import { JanusClosedError, JanusError } from '../../media/errors.js';
import type { JanusHandle, JanusSession } from '../../media/janus-session.js';
import type { JanusCandidate } from '../../media/janus-types.js';
import type { MediaPlane } from '../../media/media-plane.js';

export interface EchoSessionDeps {
  mediaPlane: Pick<MediaPlane, 'pick'>;
  logger: Logger;
}

/** Why an echo test ended without being closed by its owner. */
export type EchoEndReason = 'media_failed';

/** A browser ICE candidate as the signalling layer passes it; `null` once gathering is complete. */
export type EchoCandidate = JanusCandidate | null;

/** "Test your setup": the browser's own audio and video looped back through Janus's EchoTest plugin. */
export interface EchoSession {
  /** Sets up the loop and returns Janus's SDP answer. Throws MediaUnavailableError / Janus* errors. */
  start(offer: { type: 'offer'; sdp: string }): Promise<{ type: 'answer'; sdp: string }>;
  /** Forwards a browser candidate; candidates sent before the answer are held back until it is there. */
  trickle(candidate: EchoCandidate): Promise<void>;
  /** Called once when Janus hangs up the PeerConnection or the media node goes down (not after `close()`). */
  onEnded(listener: (reason: EchoEndReason) => void): void;
  /** Destroys the Janus session. Idempotent. */
  close(): Promise<void>;
}

const ECHOTEST = 'janus.plugin.echotest';
/** A browser gathers a handful of candidates per m-line; more than this before the answer is abuse. */
const MAX_QUEUED_CANDIDATES = 64;

/** Janus wants `{ candidate, sdpMid?, sdpMLineIndex? }`; an empty candidate string means end-of-candidates. */
function toJanusCandidate(candidate: EchoCandidate): JanusCandidate | null {
  if (candidate === null || candidate.candidate === '') {
    return null;
  }
  return {
    candidate: candidate.candidate,
    ...(typeof candidate.sdpMid === 'string' ? { sdpMid: candidate.sdpMid } : {}),
    ...(typeof candidate.sdpMLineIndex === 'number' ? { sdpMLineIndex: candidate.sdpMLineIndex } : {}),
  };
}

export function createEchoSession(deps: EchoSessionDeps): EchoSession {
  const log = deps.logger.child({ component: 'echo' });
  const endedListeners: Array<(reason: EchoEndReason) => void> = [];
  const queued: Array<JanusCandidate | null> = [];
  let session: JanusSession | undefined;
  let handle: JanusHandle | undefined;
  let started = false;
  let answered = false;
  let finished = false;

  // Not memoised: close() may come before start() has created the session, which must then still go.
  // JanusSession.close() is idempotent itself.
  const destroy = () => session?.close() ?? Promise.resolve();

  const end = (reason: EchoEndReason) => {
    if (finished) {
      return;
    }
    finished = true;
    log.info({ reason }, 'echo test ended by the media server');
    for (const listener of endedListeners) {
      try {
        listener(reason);
      } catch (error) {
        log.error({ err: describeError(error) }, 'echo ended listener failed');
      }
    }
    void destroy();
  };

  const abortIfClosed = async () => {
    if (finished) {
      await destroy();
      throw new JanusClosedError('The echo test was closed');
    }
  };

  const watch = (attached: JanusHandle) => {
    attached.on('hangup', () => end('media_failed'));
    attached.on('closed', () => end('media_failed'));
    // EchoTest says "done" when it notices the PeerConnection is gone.
    attached.on('event', (event) => {
      if (event.data.result === 'done') {
        end('media_failed');
      }
    });
  };

  const flush = async (attached: JanusHandle) => {
    for (const candidate of queued.splice(0)) {
      await attached.trickle(candidate).catch((error: unknown) => {
        log.debug({ err: describeError(error) }, 'queued candidate rejected by janus');
      });
    }
  };

  return {
    async start(offer) {
      if (started) {
        throw new Error('This echo test has already been started');
      }
      started = true;
      await abortIfClosed();
      try {
        session = await deps.mediaPlane.pick().createSession();
        await abortIfClosed();
        const attached = await session.attach(ECHOTEST);
        handle = attached;
        watch(attached);
        await abortIfClosed();
        const reply = await attached.message({ audio: true, video: true }, { type: 'offer', sdp: offer.sdp });
        await abortIfClosed();
        if (reply.jsep?.type !== 'answer') {
          throw new JanusError(0, 'EchoTest returned no SDP answer', ECHOTEST);
        }
        answered = true;
        await flush(attached);
        return { type: 'answer', sdp: reply.jsep.sdp };
      } catch (error) {
        // Nobody is told "ended" for a start that failed: the caller gets the error instead.
        finished = true;
        await destroy();
        throw error;
      }
    },

    async trickle(candidate) {
      if (finished) {
        return;
      }
      const converted = toJanusCandidate(candidate);
      if (!answered || !handle) {
        if (queued.length < MAX_QUEUED_CANDIDATES) {
          queued.push(converted);
        }
        return;
      }
      await handle.trickle(converted);
    },

    onEnded(listener) {
      endedListeners.push(listener);
    },

    close() {
      finished = true;
      return destroy();
    },
  };
}
