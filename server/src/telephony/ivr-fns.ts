import type { DialInLanguage, DialInResolution, PhoneSeatEvents } from './dial-in-port.js';
import type { Digit } from './dtmf-fns.js';
import type { PromptId } from './prompt-catalog.js';

/**
 * The spoken menu as a pure state machine: (state, event) → (state, actions). The call driver
 * (phone-call.ts) performs the actions — play prompts, check the entry, enter the room, hang up — and feeds
 * back what happened. German first; `*` before the first digit switches to English (and back): meeting IDs
 * start with any digit 1–9, so no digit key can be spared for the language.
 */

export const MAX_TRIES = 3;
export const MAX_SILENCES = 3;
export const MAX_MEETING_ID_DIGITS = 20;
export const MAX_PIN_DIGITS = 12;
/** After a prompt has finished, how long the menu waits for a key before asking again. */
export const INPUT_TIMEOUT_MS = 10_000;
/** How often "please wait" is repeated in the waiting room. */
export const WAITING_REPEAT_MS = 30_000;

export type IvrState =
  | { phase: 'meeting_id'; lang: DialInLanguage; digits: string; tries: number; silences: number }
  | {
      phase: 'pin';
      lang: DialInLanguage;
      meetingId: string;
      digits: string;
      tries: number;
      silences: number;
    }
  | { phase: 'checking'; lang: DialInLanguage; tries: number }
  | { phase: 'entering'; lang: DialInLanguage }
  | { phase: 'waiting'; lang: DialInLanguage }
  | { phase: 'in_meeting'; lang: DialInLanguage; star: boolean }
  | { phase: 'closing'; lang: DialInLanguage }
  | { phase: 'done'; lang: DialInLanguage };

export type SeatEvent = {
  [K in keyof PhoneSeatEvents]: { seat: K; args: PhoneSeatEvents[K] };
}[keyof PhoneSeatEvents];

export type IvrEvent =
  | { type: 'start' }
  | { type: 'digit'; digit: Digit }
  | { type: 'prompts_done' }
  | { type: 'timeout' }
  | { type: 'resolved'; result: DialInResolution | { ok: false; reason: 'blocked' | 'error' } }
  | { type: 'enter_failed' }
  | { type: 'seat'; event: SeatEvent }
  | { type: 'self_mute'; result: 'muted' | 'unmuted' | 'refused' };

export type IvrAction =
  | { type: 'play'; prompts: PromptId[]; lang: DialInLanguage }
  /** Barge-in: a key cuts the prompt short. */
  | { type: 'stop_prompts' }
  | { type: 'arm_timeout'; ms: number }
  | { type: 'resolve'; meetingId: string; pin: string }
  | { type: 'enter' }
  | { type: 'toggle_mute' }
  | { type: 'hangup' };

export interface IvrStep {
  state: IvrState;
  actions: IvrAction[];
}

export const initialIvrState: IvrState = {
  phase: 'meeting_id',
  lang: 'de',
  digits: '',
  tries: 0,
  silences: 0,
};

const play = (lang: DialInLanguage, ...prompts: PromptId[]): IvrAction => ({ type: 'play', prompts, lang });

const close = (lang: DialInLanguage, ...prompts: PromptId[]): IvrStep => ({
  state: { phase: 'closing', lang },
  actions: [{ type: 'stop_prompts' }, play(lang, ...prompts, 'goodbye')],
});

const welcome = (lang: DialInLanguage): IvrAction =>
  play(lang, 'welcome', 'language_hint', 'enter_meeting_id');

const refusalPrompt: Record<
  'e2ee' | 'locked' | 'ended' | 'not_open' | 'full' | 'blocked' | 'error',
  PromptId
> = {
  e2ee: 'e2ee_refused',
  locked: 'locked',
  ended: 'meeting_ended',
  not_open: 'not_open',
  full: 'full',
  blocked: 'blocked',
  error: 'technical_problem',
};

const endPrompts: Record<PhoneSeatEvents['ended'][0], PromptId[]> = {
  meeting_ended: ['meeting_ended'],
  removed: ['removed'],
  refused: ['locked'],
  media_lost: ['technical_problem'],
};

export function ivrStep(state: IvrState, event: IvrEvent): IvrStep {
  const same = (actions: IvrAction[] = []): IvrStep => ({ state, actions });
  if (state.phase === 'done') {
    return same();
  }
  switch (event.type) {
    case 'start':
      return { state: initialIvrState, actions: [welcome('de')] };
    case 'prompts_done':
      return promptsDone(state);
    case 'timeout':
      return timeout(state);
    case 'digit':
      return digit(state, event.digit);
    case 'resolved':
      if (state.phase !== 'checking') {
        return same();
      }
      if (event.result.ok) {
        return { state: { phase: 'entering', lang: state.lang }, actions: [{ type: 'enter' }] };
      }
      return event.result.reason === 'wrong'
        ? failedTry(state.lang, state.tries)
        : close(state.lang, refusalPrompt[event.result.reason]);
    case 'enter_failed':
      return close(state.lang, 'technical_problem');
    case 'seat':
      return seat(state, event.event);
    case 'self_mute':
      if (state.phase !== 'in_meeting') {
        return same();
      }
      return same([
        play(
          state.lang,
          event.result === 'muted'
            ? 'self_muted'
            : event.result === 'unmuted'
              ? 'self_unmuted'
              : 'self_unmute_refused',
        ),
      ]);
  }
}

function promptsDone(state: IvrState): IvrStep {
  switch (state.phase) {
    case 'meeting_id':
    case 'pin':
      return { state, actions: [{ type: 'arm_timeout', ms: INPUT_TIMEOUT_MS }] };
    case 'waiting':
      return { state, actions: [{ type: 'arm_timeout', ms: WAITING_REPEAT_MS }] };
    case 'closing':
      return { state: { phase: 'done', lang: state.lang }, actions: [{ type: 'hangup' }] };
    default:
      return { state, actions: [] };
  }
}

function timeout(state: IvrState): IvrStep {
  if (state.phase === 'waiting') {
    return { state, actions: [play(state.lang, 'waiting')] };
  }
  if (state.phase !== 'meeting_id' && state.phase !== 'pin') {
    return { state, actions: [] };
  }
  const silences = state.silences + 1;
  if (silences >= MAX_SILENCES) {
    return close(state.lang, 'no_input');
  }
  // Half-typed digits are kept: the caller may still be looking for the paper.
  return {
    state: { ...state, silences },
    actions: [play(state.lang, state.phase === 'pin' ? 'enter_pin' : 'enter_meeting_id')],
  };
}

function failedTry(lang: DialInLanguage, tries: number): IvrStep {
  const next = tries + 1;
  if (next >= MAX_TRIES) {
    return close(lang, 'too_many_tries');
  }
  return {
    state: { phase: 'meeting_id', lang, digits: '', tries: next, silences: 0 },
    actions: [{ type: 'stop_prompts' }, play(lang, 'wrong_entry', 'enter_meeting_id')],
  };
}

function digit(state: IvrState, key: Digit): IvrStep {
  if (state.phase === 'in_meeting') {
    if (state.star && key === '6') {
      return { state: { ...state, star: false }, actions: [{ type: 'toggle_mute' }] };
    }
    return { state: { ...state, star: key === '*' }, actions: [] };
  }
  if (state.phase !== 'meeting_id' && state.phase !== 'pin') {
    return { state, actions: [] };
  }
  const barge: IvrAction = { type: 'stop_prompts' };
  if (key === '*') {
    if (state.phase === 'meeting_id' && state.digits === '') {
      const lang = state.lang === 'de' ? 'en' : 'de';
      return { state: { ...state, lang }, actions: [barge, welcome(lang)] };
    }
    const prompt = state.phase === 'pin' ? 'enter_pin' : 'enter_meeting_id';
    return { state: { ...state, digits: '' }, actions: [barge, play(state.lang, prompt)] };
  }
  if (key === '#') {
    if (state.digits === '') {
      return {
        state,
        actions: [barge, play(state.lang, state.phase === 'pin' ? 'enter_pin' : 'enter_meeting_id')],
      };
    }
    if (state.phase === 'meeting_id') {
      return {
        state: {
          phase: 'pin',
          lang: state.lang,
          meetingId: state.digits,
          digits: '',
          tries: state.tries,
          silences: 0,
        },
        actions: [barge, play(state.lang, 'enter_pin')],
      };
    }
    return {
      state: { phase: 'checking', lang: state.lang, tries: state.tries },
      actions: [barge, { type: 'resolve', meetingId: state.meetingId, pin: state.digits }],
    };
  }
  const digits = state.digits + key;
  const max = state.phase === 'pin' ? MAX_PIN_DIGITS : MAX_MEETING_ID_DIGITS;
  if (digits.length > max) {
    return failedTry(state.lang, state.tries);
  }
  return {
    state: { ...state, digits, silences: 0 },
    actions: [barge, { type: 'arm_timeout', ms: INPUT_TIMEOUT_MS }],
  };
}

function seat(state: IvrState, event: SeatEvent): IvrStep {
  const lang = state.lang;
  switch (event.seat) {
    case 'waiting':
      return {
        state: { phase: 'waiting', lang },
        actions: [{ type: 'stop_prompts' }, play(lang, 'waiting')],
      };
    case 'admitted': {
      const prompts: PromptId[] = event.args[0].first ? ['admitted', 'first_participant'] : ['admitted'];
      return {
        state: { phase: 'in_meeting', lang, star: false },
        actions: [{ type: 'stop_prompts' }, play(lang, ...prompts)],
      };
    }
    case 'muted':
      return { state, actions: state.phase === 'in_meeting' ? [play(lang, 'muted_by_host')] : [] };
    case 'unmuted':
      return { state, actions: state.phase === 'in_meeting' ? [play(lang, 'unmuted_by_host')] : [] };
    case 'ended':
      return state.phase === 'closing' ? { state, actions: [] } : close(lang, ...endPrompts[event.args[0]]);
  }
}
