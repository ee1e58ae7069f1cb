import { describe, expect, it } from 'vitest';
import { participant } from '../../core/meeting/test/participants';
import { initials, latestReactions, speakerTile, stageOrder } from './tile-fns';

describe('initials', () => {
  it('takes the first letters of the first and last word', () => {
    expect(initials('Anna Becker')).toBe('AB');
    expect(initials('  anna  ')).toBe('A');
    expect(initials('Anna Maria von Berg')).toBe('AB');
    expect(initials('Ölaf Ärger')).toBe('ÖÄ');
    expect(initials('')).toBe('?');
  });
});

describe('latestReactions', () => {
  it('keeps the newest reaction per person', () => {
    const latest = latestReactions([
      { seq: 1, participantId: 'anna', reaction: 'heart', at: 0 },
      { seq: 3, participantId: 'anna', reaction: 'laugh', at: 0 },
      { seq: 2, participantId: 'bernd', reaction: 'applause', at: 0 },
    ]);
    expect(latest.get('anna')?.reaction).toBe('laugh');
    expect(latest.get('bernd')?.reaction).toBe('applause');
  });
});

describe('stage order and speaker tile', () => {
  const me = participant('me');
  const anna = participant('anna');
  const bernd = participant('bernd');
  it('puts oneself first', () => {
    expect(stageOrder(me, [anna, bernd]).map((p) => p.participantId)).toEqual(['me', 'anna', 'bernd']);
    expect(stageOrder(undefined, [anna])).toEqual([anna]);
  });
  it('shows the speaker, else someone else, else oneself', () => {
    const everyone = [me, anna, bernd];
    expect(speakerTile('bernd', everyone, 'me')).toBe(bernd);
    expect(speakerTile(undefined, everyone, 'me')).toBe(anna);
    expect(speakerTile('gone', [me], 'me')).toBe(me);
    expect(speakerTile(undefined, [], 'me')).toBeUndefined();
  });
});
