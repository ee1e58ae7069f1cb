import { useState } from 'react';
import { playTestTone } from '../../core/audio';
import { useMeetingText } from './i18n/meeting-i18n';

/** Plays the calm test tone on the chosen speaker; says so while it plays. */
export function TestToneButton({ speakerId }: { speakerId: string | undefined }) {
  const { t } = useMeetingText();
  const [playing, setPlaying] = useState(false);
  const play = () => {
    if (playing) {
      return;
    }
    setPlaying(true);
    playTestTone(speakerId)
      .catch(() => undefined)
      .finally(() => setPlaying(false));
  };
  return (
    <div className="actions">
      <button
        type="button"
        className="button button-secondary"
        aria-disabled={playing ? true : undefined}
        onClick={play}
      >
        {t('waiting.tone')}
      </button>
      <p role="status">{playing ? t('waiting.tonePlaying') : ''}</p>
    </div>
  );
}
