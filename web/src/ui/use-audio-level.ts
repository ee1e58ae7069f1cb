import { useMemo, useSyncExternalStore } from 'react';
import { LevelMeter } from '../core/level-meter';

const noSubscription = () => () => undefined;
const silence = () => 0;

/**
 * The loudness (0–100) of a stream's first audio track, updated at most 10 times a second. Measuring starts when the
 * component mounts and stops when it unmounts or the track changes.
 */
export function useAudioLevel(stream: MediaStream | undefined): number {
  const track = stream?.getAudioTracks()[0];
  const meter = useMemo(() => (track ? new LevelMeter(track) : undefined), [track]);
  return useSyncExternalStore(
    meter ? meter.subscribe : noSubscription,
    meter ? () => meter.getSnapshot().level : silence,
  );
}
