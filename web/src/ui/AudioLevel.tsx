import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAudioLevel } from './use-audio-level';

type LevelWord = 'silent' | 'quiet' | 'good' | 'loud';

/** Words for the level, so the meter does not rely on the bar alone. */
function levelWord(level: number): LevelWord {
  if (level < 8) {
    return 'silent';
  }
  if (level < 35) {
    return 'quiet';
  }
  return level < 90 ? 'good' : 'loud';
}

/** A labelled level meter (`role="meter"`) for a stream's sound. */
export function AudioLevel({ stream, label }: { stream: MediaStream | undefined; label: string }) {
  const { t } = useTranslation();
  const id = useId();
  const level = useAudioLevel(stream);
  const word = t(`setup.checkStep.levelText.${levelWord(level)}`);
  return (
    <div className="audio-level">
      <span id={id} className="audio-level-label">
        {label}
      </span>
      <div className="audio-level-row">
        <div
          role="meter"
          className="audio-level-track"
          aria-labelledby={id}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={level}
          aria-valuetext={`${level} % – ${word}`}
        >
          <div className="audio-level-fill" style={{ width: `${level}%` }} />
        </div>
        <span className="audio-level-word" aria-hidden="true">
          {word}
        </span>
      </div>
    </div>
  );
}
