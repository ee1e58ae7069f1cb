import { useEffect, useRef } from 'react';
import { applySpeaker } from '../core/audio';

export interface MediaVideoProps {
  stream: MediaStream | undefined;
  /** Own camera: muted (no feedback) and mirrored, as people expect from a mirror. */
  self?: boolean;
  /** Output device for the sound (remote streams only). */
  speakerId?: string | undefined;
  /** For end-to-end tests: a video has no accessible name of its own. */
  testId: string;
}

/** Plays a MediaStream in a `<video>` element, inline on phones. */
export function MediaVideo({ stream, self = false, speakerId, testId }: MediaVideoProps) {
  const ref = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const video = ref.current;
    if (!video) {
      return;
    }
    video.srcObject = stream ?? null;
    if (stream) {
      // Autoplay may be refused without a click; the page's buttons provide one.
      void video.play().catch(() => undefined);
    }
  }, [stream]);

  useEffect(() => {
    const video = ref.current;
    if (video && !self) {
      void applySpeaker(video, speakerId);
    }
  }, [speakerId, self]);

  return (
    <video
      ref={ref}
      className={self ? 'video video-self' : 'video'}
      data-testid={testId}
      autoPlay
      playsInline
      muted={self}
    />
  );
}
