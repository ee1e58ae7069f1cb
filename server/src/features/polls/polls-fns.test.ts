import { describe, expect, it } from 'vitest';
import { checkChoices, pollView, tally, type PollRecord } from './polls-fns.js';

const poll: PollRecord = {
  id: 'p',
  occurrenceId: 'o',
  question: 'Wann treffen wir uns?',
  options: ['Montag', 'Dienstag', 'Mittwoch'],
  multiple: false,
  anonymous: true,
  status: 'open',
  resultsShared: false,
  createdAt: new Date(0),
};

describe('poll choices', () => {
  it('accepts one known option in a single-choice poll', () => {
    expect(checkChoices(poll, [2])).toEqual({ ok: true, choices: [2] });
  });

  it('refuses unknown options and several choices where one is asked', () => {
    expect(checkChoices(poll, [3])).toEqual({ ok: false, reason: 'unknown_option' });
    expect(checkChoices(poll, [0, 1])).toEqual({ ok: false, reason: 'one_only' });
    expect(checkChoices(poll, [])).toEqual({ ok: false, reason: 'one_only' });
  });

  it('sorts and de-duplicates the choices of a multiple-choice poll', () => {
    expect(checkChoices({ ...poll, multiple: true }, [2, 0, 2])).toEqual({ ok: true, choices: [0, 2] });
  });
});

describe('tally', () => {
  it('counts each choice and each voter once', () => {
    expect(tally(3, [{ choices: [0] }, { choices: [0, 2] }, { choices: [1] }])).toEqual({
      counts: [2, 1, 1],
      voters: 3,
    });
  });
});

describe('poll view', () => {
  const votes = [
    { voterKey: 'invitation:1', voterName: 'Anna', choices: [1] },
    { voterKey: 'invitation:2', voterName: 'Ben', choices: [0] },
  ];

  it('shows hosts the live tally but participants only their own vote until shared', () => {
    expect(pollView(poll, votes, { identityKey: 'user:h', isHost: true })).toMatchObject({
      tallies: [1, 1, 0],
      voters: 2,
      named: null,
    });
    expect(pollView(poll, votes, { identityKey: 'invitation:1', isHost: false })).toMatchObject({
      tallies: null,
      voters: null,
      yourChoices: [1],
    });
    expect(
      pollView({ ...poll, resultsShared: true }, votes, { identityKey: 'invitation:3', isHost: false }),
    ).toMatchObject({ tallies: [1, 1, 0], yourChoices: null, named: null });
  });

  it('names voters to hosts in named polls only', () => {
    expect(
      pollView({ ...poll, anonymous: false }, votes, { identityKey: 'user:h', isHost: true }).named,
    ).toEqual([
      { name: 'Anna', choices: [1] },
      { name: 'Ben', choices: [0] },
    ]);
  });
});

describe('polls CSV', () => {
  it('writes one neutralised row per option, names only for named polls', async () => {
    const { pollsToCsv } = await import('./polls-export.js');
    const csv = pollsToCsv([
      {
        poll: { ...poll, question: '=1+1', anonymous: false },
        votes: [{ voterKey: 'k', voterName: '@Anna', choices: [0] }],
      },
    ]);
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('poll,question,status,kind,option,votes,voters,names');
    expect(lines[1]).toBe(`"1","'=1+1","open","single named","Montag","1","1","'@Anna"`);
    expect(lines[2]).toBe(`"1","'=1+1","open","single named","Dienstag","0","1",""`);
  });
});
