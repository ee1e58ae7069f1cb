import { describe, expect, it } from 'vitest';
import type { Digit } from './dtmf-fns.js';
import { type IvrAction, type IvrEvent, type IvrState, initialIvrState, ivrStep } from './ivr-fns.js';

function run(
  events: IvrEvent[],
  from: IvrState = initialIvrState,
): { state: IvrState; actions: IvrAction[] } {
  let state = from;
  const actions: IvrAction[] = [];
  for (const event of events) {
    const step = ivrStep(state, event);
    state = step.state;
    actions.push(...step.actions);
  }
  return { state, actions };
}

const keys = (text: string): IvrEvent[] =>
  text.split('').map((digit) => ({ type: 'digit', digit: digit as Digit }));
const played = (actions: IvrAction[]): string[] =>
  actions.flatMap((action) =>
    action.type === 'play' ? action.prompts.map((id) => `${action.lang}:${id}`) : [],
  );

describe('the spoken menu', () => {
  it('welcomes in German, asks for meeting ID then PIN, and checks them', () => {
    const { state, actions } = run([{ type: 'start' }, ...keys('1234567890#4711#')]);
    expect(played(actions)).toEqual([
      'de:welcome',
      'de:language_hint',
      'de:enter_meeting_id',
      'de:enter_pin',
    ]);
    expect(actions).toContainEqual({ type: 'resolve', meetingId: '1234567890', pin: '4711' });
    expect(state.phase).toBe('checking');
  });

  it('switches to English with * before the first digit, and back', () => {
    const english = run([{ type: 'start' }, ...keys('*')]);
    expect(english.state.lang).toBe('en');
    expect(played(english.actions).slice(-3)).toEqual([
      'en:welcome',
      'en:language_hint',
      'en:enter_meeting_id',
    ]);
    expect(run(keys('*'), english.state).state.lang).toBe('de');
  });

  it('clears a half-typed entry with *', () => {
    const { actions } = run([{ type: 'start' }, ...keys('12*999#1#')]);
    expect(actions).toContainEqual({ type: 'resolve', meetingId: '999', pin: '1' });
  });

  it('gives three tries, then says goodbye and hangs up', () => {
    const wrong: IvrEvent = { type: 'resolved', result: { ok: false, reason: 'wrong' } };
    const { state, actions } = run([
      { type: 'start' },
      ...keys('1#2#'),
      wrong,
      ...keys('1#2#'),
      wrong,
      ...keys('1#2#'),
      wrong,
      { type: 'prompts_done' },
    ]);
    expect(played(actions).filter((id) => id === 'de:wrong_entry')).toHaveLength(2);
    expect(played(actions).slice(-2)).toEqual(['de:too_many_tries', 'de:goodbye']);
    expect(actions.at(-1)).toEqual({ type: 'hangup' });
    expect(state.phase).toBe('done');
  });

  it('counts an over-long entry as a wrong try', () => {
    const { state, actions } = run([{ type: 'start' }, ...keys('1'.repeat(21))]);
    expect(state).toMatchObject({ phase: 'meeting_id', tries: 1, digits: '' });
    expect(played(actions)).toContain('de:wrong_entry');
  });

  it.each([
    ['e2ee', 'de:e2ee_refused'],
    ['locked', 'de:locked'],
    ['ended', 'de:meeting_ended'],
    ['blocked', 'de:blocked'],
  ] as const)('explains a %s refusal and says goodbye', (reason, prompt) => {
    const { actions } = run([
      { type: 'start' },
      ...keys('1#2#'),
      { type: 'resolved', result: { ok: false, reason } },
    ]);
    expect(played(actions).slice(-2)).toEqual([prompt, 'de:goodbye']);
  });

  it('asks again after silence and gives up after the third', () => {
    const { actions, state } = run([
      { type: 'start' },
      { type: 'timeout' },
      { type: 'timeout' },
      { type: 'timeout' },
    ]);
    expect(played(actions).filter((id) => id === 'de:enter_meeting_id')).toHaveLength(3);
    expect(played(actions).slice(-2)).toEqual(['de:no_input', 'de:goodbye']);
    expect(state.phase).toBe('closing');
  });

  it('waits in the waiting room, then enters; tells the first participant', () => {
    const ok: IvrEvent = {
      type: 'resolved',
      result: { ok: true, ticket: { meetingKey: 'm', displayName: 'E' } },
    };
    const { actions, state } = run([
      { type: 'start' },
      ...keys('1#2#'),
      ok,
      { type: 'seat', event: { seat: 'waiting', args: [] } },
      { type: 'prompts_done' },
      { type: 'timeout' },
      { type: 'seat', event: { seat: 'admitted', args: [{ first: true, muted: false }] } },
    ]);
    expect(actions).toContainEqual({ type: 'enter' });
    expect(played(actions).slice(-4)).toEqual([
      'de:waiting',
      'de:waiting',
      'de:admitted',
      'de:first_participant',
    ]);
    expect(state.phase).toBe('in_meeting');
  });

  it('toggles mute with *6 and reports host mute and the end of the meeting', () => {
    const inMeeting: IvrState = { phase: 'in_meeting', lang: 'en', star: false };
    const { actions } = run(
      [
        ...keys('5*6'),
        { type: 'self_mute', result: 'muted' },
        { type: 'seat', event: { seat: 'muted', args: [] } },
        { type: 'seat', event: { seat: 'ended', args: ['meeting_ended'] } },
        { type: 'prompts_done' },
      ],
      inMeeting,
    );
    expect(actions.filter((action) => action.type === 'toggle_mute')).toHaveLength(1);
    expect(played(actions)).toEqual(['en:self_muted', 'en:muted_by_host', 'en:meeting_ended', 'en:goodbye']);
    expect(actions.at(-1)).toEqual({ type: 'hangup' });
  });
});
