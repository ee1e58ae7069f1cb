import type { G711 } from './sdp-fns.js';

/**
 * The telephony gateway's only view of meetings and live rooms. The gateway runs the call (SIP, RTP, the
 * spoken menu); everything about who may enter which meeting, and the seat in the live room, is behind
 * this port. The lead's implementation lives with the rooms/meetings features; unit tests use
 * `test/fake-dial-in-rooms.ts`.
 *
 * Privacy: the gateway never passes a phone number. `callerKey` is an HMAC of the caller's number (or of
 * "anonymous") with a per-process secret; it is stable across calls of one process and never stored.
 */
export interface DialInRooms {
  /**
   * Checks a meeting ID and PIN typed on the keypad. Must answer `wrong` alike for an unknown meeting and a
   * wrong PIN (a caller must not learn which meeting IDs exist). Throttling across calls is the gateway's
   * (DialInGuard); implementations may add their own.
   */
  resolve(request: DialInRequest): Promise<DialInResolution>;
  /**
   * Takes the caller into the meeting: waiting room or admitted, as the meeting's rules say. The seat's
   * `waiting`/`admitted` event tells the gateway which. The media bridge is the caller's audio; the
   * implementation joins it to the AudioBridge room once admitted (see `PhoneAudio`).
   */
  enter(ticket: DialInTicket, call: PhoneCall): Promise<PhoneSeat>;
  /**
   * Repeated failures for a meeting ID (whatever the PIN): the implementation tells the meeting's hosts if
   * the meeting exists. Called when a meeting's failures reach a threshold and again at lockout.
   */
  notifyFailures(notice: DialInFailureNotice): Promise<void>;
}

export interface DialInRequest {
  /** Digits only, as typed (1–20). */
  meetingId: string;
  /** Digits only, as typed (1–12). */
  pin: string;
  /** HMAC of the caller's number; see above. */
  callerKey: string;
  language: DialInLanguage;
}

export type DialInLanguage = 'de' | 'en';

export type DialInResolution =
  | { ok: true; ticket: DialInTicket }
  /**
   * - `wrong`: unknown meeting ID or wrong PIN (counts as a failed try);
   * - `e2ee`: the meeting is end-to-end encrypted, no dial-in (spoken explanation, then goodbye);
   * - `locked`: a host locked the meeting;
   * - `ended`: the meeting is over or cancelled;
   * - `not_open`: too early, or join-before-host is off and the meeting has not started (implementations may
   *   instead let the caller wait: then answer ok and send `waiting`);
   * - `full`: the participant limit is reached.
   */
  | { ok: false; reason: 'wrong' | 'e2ee' | 'locked' | 'ended' | 'not_open' | 'full' };

/** Opaque to the gateway: whatever `enter` needs (meeting occurrence, invitation, display name …). */
export interface DialInTicket {
  readonly meetingKey: string;
  /** "Erika M." from the invitation, or "Telefon 3" for a meeting-wide PIN; shown in the participant list. */
  readonly displayName: string;
  readonly data?: unknown;
}

/** One phone call as the room side sees it. */
export interface PhoneCall {
  /** Random per call; never derived from the number or the SIP Call-ID. */
  readonly callId: string;
  readonly callerKey: string;
  readonly language: DialInLanguage;
  readonly audio: PhoneAudio;
}

/**
 * The caller's audio, relayed by the gateway. To put the caller into an AudioBridge room:
 * ```
 * const bridge = await call.audio.openBridge();
 * const { local, leg } = await audioRoom.joinPlainRtp({
 *   participantId, display, muted, codec: call.audio.codec,
 *   remote: { ...bridge.address, payloadType: call.audio.payloadType },
 * });
 * bridge.connect(local);   // from now on caller → Janus and Janus → caller
 * ```
 * Close the bridge (or the leg) when the seat ends; the gateway closes it with the call in any case.
 */
export interface PhoneAudio {
  readonly codec: G711;
  /** The static payload type (0 PCMU, 8 PCMA) Janus should use towards the bridge. */
  readonly payloadType: number;
  openBridge(): Promise<MixerBridge>;
}

export interface MixerBridge {
  /** Where the mixer must send the room's audio for this caller (Janus's `rtp.ip`/`rtp.port`). */
  readonly address: { ip: string; port: number };
  /** Where the mixer expects the caller's audio (Janus's reply `rtp.ip`/`rtp.port`). */
  connect(mixer: { ip: string; port: number }): void;
  close(): void;
}

/** The caller's place in the live room. */
export interface PhoneSeat {
  /**
   * *6 on the keypad. Resolves with the new state, or `refused` when the meeting does not allow
   * participants to unmute themselves right now.
   */
  toggleSelfMute(): Promise<'muted' | 'unmuted' | 'refused'>;
  /** The caller hung up (or the call failed): leave the room. Idempotent. */
  leave(): Promise<void>;
  on<K extends keyof PhoneSeatEvents>(event: K, listener: (...args: PhoneSeatEvents[K]) => void): () => void;
}

export type PhoneSeatEvents = {
  /** In the waiting room: the caller hears "please wait" and nothing of the meeting. */
  waiting: [];
  /** Admitted: the bridge carries the meeting. `first` when nobody else is in the room yet. */
  admitted: [info: { first: boolean; muted: boolean }];
  /** A host muted the caller (not sent for the caller's own *6). */
  muted: [];
  /** A host allowed the caller to speak again. */
  unmuted: [];
  /** The seat is gone; the gateway plays the matching prompt and hangs up. */
  ended: [reason: 'meeting_ended' | 'removed' | 'refused' | 'media_lost'];
};

export interface DialInFailureNotice {
  meetingId: string;
  failures: number;
  /** Dial-in to this meeting ID is refused until then (epoch ms), or undefined when only warned. */
  lockedUntil: number | undefined;
}
