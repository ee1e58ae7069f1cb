import { safeEqual } from '../accounts/accounts-fns.js';

/** What a meeting lets people do; every field has a safe default (issue #4). */
export interface MeetingSettings {
  waitingRoom: boolean;
  joinBeforeHost: boolean;
  muteOnEntry: boolean;
  cameraOffOnEntry: boolean;
  chat: boolean;
  dialIn: boolean;
  /**
   * A meeting-wide dial-in PIN besides the personal ones: callers with it join as "Telefon 1", "Telefon 2", ….
   * Off by default: personal PINs show the caller's name, and a shared PIN travels further than a personal one.
   */
  phonePin: boolean;
  /** A flag the live meeting honours: media only through the VideoRoom with browser-side encryption. */
  e2ee: boolean;
  maxParticipants: number;
}

export const defaultMeetingSettings: MeetingSettings = {
  waitingRoom: true,
  joinBeforeHost: false,
  muteOnEntry: true,
  cameraOffOnEntry: true,
  chat: true,
  dialIn: true,
  phonePin: false,
  e2ee: false,
  maxParticipants: 100,
};

export const DEFAULT_TIME_ZONE = 'Europe/Berlin';
/** Invitations per meeting (a series counts once), and per request. */
export const MAX_INVITATIONS = 500;
/** Rules a series may have: each "this and following" adds one. */
export const MAX_SCHEDULES = 20;

/**
 * Whether a typed passcode opens a meeting. Constant-time; an empty or blank passcode never matches, not even a
 * (corrupted) empty stored one. Surrounding spaces of the typed one are ignored (copy and paste).
 */
export function passcodeMatches(stored: string | null, typed: string | undefined): boolean {
  const candidate = (typed ?? '').trim();
  if (stored === null || stored.trim() === '' || candidate === '') {
    return false;
  }
  return safeEqual(candidate, stored);
}

/** Phone dial-in is offered when the meeting allows it, it is not end-to-end encrypted and numbers exist. */
export function dialInAvailable(meeting: { dialIn: boolean; e2ee: boolean }, numbers: unknown[]): boolean {
  return meeting.dialIn && !meeting.e2ee && numbers.length > 0;
}

/**
 * The meeting-wide PIN as hosts and the shared invitation text show it: only while it is switched on and
 * callers can use it (dial-in offered, not end-to-end encrypted). Null otherwise.
 */
export function shownPhonePin(
  meeting: { settings: Pick<MeetingSettings, 'dialIn' | 'e2ee' | 'phonePin'>; phonePin: string | null },
  numbers: unknown[],
): string | null {
  return meeting.settings.phonePin && dialInAvailable(meeting.settings, numbers) ? meeting.phonePin : null;
}

/**
 * What an update does to the meeting-wide PIN: a new one when it is switched on or renewed, none when switched
 * off (a PIN once shared must not come back to life when the setting is turned on again), else unchanged.
 * Renewing a PIN that stays off is refused.
 */
export function phonePinChange(
  current: string | null,
  on: boolean,
  renew: boolean,
): 'keep' | 'clear' | 'new' | 'refused' {
  if (!on) {
    return renew ? 'refused' : current === null ? 'keep' : 'clear';
  }
  return renew || current === null ? 'new' : 'keep';
}

const trimBase = (baseUrl: string) => baseUrl.replace(/\/$/, '');

/** Personal join link. The token is a path segment, which request logs redact (lib/logger.ts). */
export const personalJoinLink = (baseUrl: string, token: string): string =>
  `${trimBase(baseUrl)}/j/${encodeURIComponent(token)}`;

/** The join page for meeting ID and passcode, linked from the invitation text a host shares. */
export const meetingJoinLink = (baseUrl: string, meetingNumber: string): string =>
  `${trimBase(baseUrl)}/m/${meetingNumber}`;

/** The host's page of a meeting in the web app. */
export const meetingPageLink = (baseUrl: string, meetingId: string): string =>
  `${trimBase(baseUrl)}/meetings/${meetingId}`;

/** iCalendar UID of a schedule: stable for its life, so clients match updates and cancellations to it. */
export const icsUid = (scheduleId: string, baseUrl: string): string =>
  `${scheduleId}@${new URL(baseUrl).hostname}`;

const plainAddress =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/**
 * The ORGANIZER address of invitations: MAIL_FROM's address when it is a full one, else a reserved, undeliverable
 * one (replies are not processed either way; attendees get RSVP=FALSE).
 */
export function organizerAddress(mailFrom: string): string {
  const address = (/<([^<>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom).trim();
  return plainAddress.test(address) ? address : 'noreply@treffpunkt.invalid';
}
