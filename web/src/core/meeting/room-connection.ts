import type { ClientMessage, ServerMessage } from '@treffpunkt/protocol';
import { SignallingClient, SignallingError } from '../signalling-client';
import { signallingUrl } from '../signalling-fns';
import { joinOutcome, type JoinOutcome } from './meeting-errors-fns';
import type { RoomCredential } from './meeting-types';
import { readResumeToken, writeResumeToken } from './resume-fns';

export interface RoomConnectionOptions {
  credential: RoomCredential;
  /** Signalling address; default `/api/signal` on this site. */
  url?: string | undefined;
  /** Where the resume token is kept (sessionStorage). */
  storage: Storage | undefined;
  onMessage(message: ServerMessage): void;
  /** The socket was lost; a new one is being tried. */
  onLost(): void;
  /** A new socket is open: announce yourself again ({@link RoomConnection.join}). */
  onBack(): void;
  /** Reconnecting gave up. */
  onClosed(): void;
}

/**
 * The meeting's signalling socket and the way in: `room.join` with the credential and, when there is one, the
 * resume token from an earlier `room.joined` (kept in sessionStorage, so a reload or a lost socket keeps the seat).
 */
export class RoomConnection {
  private signalling: SignallingClient | undefined;
  private stopListening: (() => void) | undefined;
  private credential: RoomCredential;

  constructor(private readonly options: RoomConnectionOptions) {
    this.credential = options.credential;
  }

  get currentCredential(): RoomCredential {
    return this.credential;
  }

  /** Opens the socket. Resolves false when the server cannot be reached. */
  async open(): Promise<boolean> {
    this.stopListening?.();
    const signalling = new SignallingClient({
      url: this.options.url ?? signallingUrl(window.location),
      reconnect: { maxAttempts: 12 },
    });
    this.signalling = signalling;
    // Back online (Wi-Fi returned, phone left the tunnel): try at once instead of waiting for the next attempt.
    const online = () => signalling.reconnectNow();
    window.addEventListener('online', online);
    this.stopListening = () => window.removeEventListener('online', online);
    signalling.on('message', (message) => this.options.onMessage(message));
    signalling.on('state', (state) => {
      if (this.signalling !== signalling) {
        return;
      }
      if (state === 'reconnecting') {
        this.options.onLost();
      } else if (state === 'open') {
        this.options.onBack();
      } else if (state === 'closed') {
        this.options.onClosed();
      }
    });
    try {
      await signalling.connect();
      return true;
    } catch {
      return false;
    }
  }

  /** Meeting ID links: try again with the passcode the person typed. */
  setPasscode(passcode: string): void {
    if (this.credential.kind === 'meeting') {
      this.credential = { ...this.credential, passcode };
    }
  }

  /**
   * Sends `room.join`. Resolves `undefined` when the server let the person in or into the waiting room (its
   * `room.joined` reaches `onMessage` too), or when the socket was lost meanwhile (`onBack` follows); otherwise
   * with what the refusal means.
   */
  async join(displayName: string, micMuted?: boolean): Promise<JoinOutcome | undefined> {
    const signalling = this.signalling;
    if (!signalling) {
      return { kind: 'ended', cause: 'unreachable' };
    }
    const resumeToken = readResumeToken(this.options.storage, this.credential);
    try {
      const reply = await signalling.request(
        {
          type: 'room.join',
          id: signalling.nextId(),
          credential: this.credential,
          ...(displayName ? { displayName } : {}),
          ...(resumeToken ? { resumeToken } : {}),
          ...(micMuted === undefined ? {} : { micMuted }),
        },
        'room.joined',
      );
      writeResumeToken(this.options.storage, this.credential, reply.resumeToken);
      return undefined;
    } catch (error) {
      if (this.signalling !== signalling || signalling.currentState === 'reconnecting') {
        return undefined;
      }
      return joinOutcome(error instanceof SignallingError ? error.code : 'internal_error');
    }
  }

  request: SignallingClient['request'] = (message, expect) => this.require().request(message, expect);

  nextId(): string {
    return this.require().nextId();
  }

  /** Sends if the socket is open; while reconnecting the message is dropped (state is re-sent after the rejoin). */
  send(message: ClientMessage): void {
    try {
      this.signalling?.send(message);
    } catch {
      // Reconnecting.
    }
  }

  /** Closes the socket; with `forget`, the resume token goes too (the person left or was sent away). */
  close(forget: boolean): void {
    if (forget) {
      writeResumeToken(this.options.storage, this.credential, undefined);
    }
    this.stopListening?.();
    this.stopListening = undefined;
    const signalling = this.signalling;
    this.signalling = undefined;
    signalling?.close();
  }

  private require(): SignallingClient {
    if (!this.signalling) {
      throw new SignallingError('closed', 'Not connected.');
    }
    return this.signalling;
  }
}
