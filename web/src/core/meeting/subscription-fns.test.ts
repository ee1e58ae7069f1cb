import { describe, expect, it } from 'vitest';
import { MAX_FEEDS, qualityFor, sameFeeds, subscriptionFeeds } from './subscription-fns';
import { participant } from './test/participants';

describe('qualityFor', () => {
  it('maps tile sizes to layers and steps down on a weak connection', () => {
    expect(['small', 'medium', 'large'].map((size) => qualityFor(size as 'small', 'good'))).toEqual([
      'low',
      'medium',
      'high',
    ]);
    expect(qualityFor('large', 'unknown')).toBe('high');
    expect(qualityFor('large', 'weak')).toBe('medium');
    expect(qualityFor('small', 'weak')).toBe('low');
    expect(qualityFor('large', 'poor')).toBe('low');
  });
});

describe('subscriptionFeeds', () => {
  const participants = [
    participant('anna', { cameraOn: true }),
    participant('bernd', { cameraOn: true, screenSharing: true }),
    participant('carla'),
    participant('me', { cameraOn: true }),
  ];
  const base = { participants, selfId: 'me', audioOnly: false, connection: 'good' as const };

  it('asks only for videos that exist, never one’s own, each once at its largest size, sorted', () => {
    const feeds = subscriptionFeeds({
      ...base,
      visible: [
        { participantId: 'bernd', kind: 'camera', size: 'small' },
        { participantId: 'anna', kind: 'camera', size: 'small' },
        { participantId: 'bernd', kind: 'screen', size: 'large' },
        { participantId: 'anna', kind: 'camera', size: 'large' },
        { participantId: 'carla', kind: 'camera', size: 'large' },
        { participantId: 'me', kind: 'camera', size: 'large' },
        { participantId: 'ghost', kind: 'camera', size: 'large' },
      ],
    });
    expect(feeds).toEqual([
      { participantId: 'anna', kind: 'camera', quality: 'high' },
      { participantId: 'bernd', kind: 'camera', quality: 'low' },
      { participantId: 'bernd', kind: 'screen', quality: 'high' },
    ]);
  });

  it('receives nothing in audio-only mode and caps the list', () => {
    const visible = [{ participantId: 'anna', kind: 'camera' as const, size: 'small' as const }];
    expect(subscriptionFeeds({ ...base, visible, audioOnly: true })).toEqual([]);
    const many = Array.from({ length: 60 }, (_, index) =>
      participant(`p${String(index).padStart(2, '0')}`, { cameraOn: true }),
    );
    const all = subscriptionFeeds({
      ...base,
      participants: many,
      visible: many.map((p) => ({
        participantId: p.participantId,
        kind: 'camera' as const,
        size: 'small' as const,
      })),
    });
    expect(all).toHaveLength(MAX_FEEDS);
  });

  it('compares feed lists', () => {
    const a = [{ participantId: 'anna', kind: 'camera' as const, quality: 'low' as const }];
    expect(sameFeeds(a, [{ ...a[0]! }])).toBe(true);
    expect(sameFeeds(a, [{ ...a[0]!, quality: 'high' }])).toBe(false);
    expect(sameFeeds(a, [])).toBe(false);
  });
});
