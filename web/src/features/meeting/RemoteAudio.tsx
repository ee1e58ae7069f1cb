import { useEffect, useRef, useState } from 'react';
import { applySpeaker } from '../../core/audio';
import { useMeetingText } from './i18n/meeting-i18n';

/**
 * Plays the meeting's mixed sound on the chosen speaker. When the browser refuses to start sound without a click
 * (Safari, some phones), a clear button asks for that click.
 */
export function RemoteAudio({
  stream,
  speakerId,
}: {
  stream: MediaStream | undefined;
  speakerId: string | undefined;
}) {
  const { t } = useMeetingText();
  const ref = useRef<HTMLAudioElement>(null);
  const [blocked, setBlocked] = useState(false);

  useEffect(() => {
    const audio = ref.current;
    if (!audio) {
      return;
    }
    audio.srcObject = stream ?? null;
    if (stream) {
      audio.play().then(
        () => setBlocked(false),
        () => setBlocked(true),
      );
    }
  }, [stream]);

  useEffect(() => {
    if (ref.current) {
      void applySpeaker(ref.current, speakerId);
    }
  }, [speakerId]);

  return (
    <>
      <audio ref={ref} autoPlay data-testid="meeting-audio" />
      {blocked && (
        <div className="banner banner-problem" role="alert">
          <p>{t('banner.soundBlocked')}</p>
          <button
            type="button"
            className="button button-primary"
            onClick={() =>
              void ref.current?.play().then(
                () => setBlocked(false),
                () => setBlocked(true),
              )
            }
          >
            {t('banner.soundOn')}
          </button>
        </div>
      )}
    </>
  );
}
