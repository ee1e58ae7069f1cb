import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canChooseSpeaker, playTestTone } from '../../core/audio';
import type { LocalMedia } from '../../core/local-media';
import { AudioLevel } from '../../ui/AudioLevel';
import { MediaVideo } from '../../ui/MediaVideo';
import { useStore } from '../../ui/use-store';
import { DeviceSelect } from './DeviceSelect';
import { StepHeading } from './StepHeading';

/** Step 2: own picture (mirrored), microphone level, device choice and a test tone for the speaker. */
export function CheckStep({ media, number }: { media: LocalMedia; number: number }) {
  const { t } = useTranslation();
  const state = useStore(media);
  const headingId = useId();
  const ready = state.status === 'ready';
  const hasVideo = (state.stream?.getVideoTracks().length ?? 0) > 0;
  const { cameras, microphones, speakers } = state.devices;
  const speakerChoice = canChooseSpeaker() && speakers.length > 0;
  // Chrome lists the system's default output as "default"; elsewhere the page offers that choice itself.
  const hasDefaultSpeaker = speakers.some((speaker) => speaker.id === 'default');

  return (
    <section className="card step" aria-labelledby={headingId}>
      <StepHeading id={headingId} number={number} text={t('setup.checkStep.heading')} />
      {ready ? (
        <div className="check-grid">
          <div className="check-picture">
            {hasVideo ? (
              <>
                <MediaVideo stream={state.stream} self testId="self-video" />
                <p className="field-hint">{t('setup.checkStep.previewHint')}</p>
              </>
            ) : (
              <p className="video-placeholder">{t('setup.checkStep.noCamera')}</p>
            )}
          </div>
          <div className="check-controls">
            <AudioLevel stream={state.stream} label={t('setup.checkStep.micLevel')} />
            <p className="field-hint">{t('setup.checkStep.micHint')}</p>
            {state.switchError !== undefined && (
              <p className="status status-problem" role="alert">
                {t('setup.checkStep.switchFailed')}
              </p>
            )}
            {hasVideo && cameras.length > 1 && (
              <DeviceSelect
                label={t('setup.checkStep.camera')}
                options={cameras}
                value={state.cameraId ?? ''}
                onChange={(id) => void media.selectCamera(id)}
              />
            )}
            {microphones.length > 1 && (
              <DeviceSelect
                label={t('setup.checkStep.microphone')}
                options={microphones}
                value={state.microphoneId ?? ''}
                onChange={(id) => void media.selectMicrophone(id)}
              />
            )}
            {speakerChoice && (
              <DeviceSelect
                label={t('setup.checkStep.speaker')}
                options={speakers}
                value={state.speakerId ?? (hasDefaultSpeaker ? 'default' : '')}
                offerSystemDefault={!hasDefaultSpeaker}
                onChange={(id) => media.selectSpeaker(id)}
              />
            )}
          </div>
        </div>
      ) : (
        <p>{t('setup.checkStep.waiting')}</p>
      )}
      <TestTone speakerId={state.speakerId} />
    </section>
  );
}

/** The speaker test works without any permission, so it is always offered. */
function TestTone({ speakerId }: { speakerId: string | undefined }) {
  const { t } = useTranslation();
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
    <div className="tone">
      <h3 className="tone-heading">{t('setup.checkStep.toneHeading')}</h3>
      <p className="field-hint">{t('setup.checkStep.toneHint')}</p>
      <div className="actions">
        <button
          type="button"
          className="button button-secondary"
          aria-disabled={playing ? true : undefined}
          onClick={play}
        >
          {t('setup.checkStep.tone')}
        </button>
        <p role="status" className="tone-status">
          {playing ? t('setup.checkStep.tonePlaying') : ''}
        </p>
      </div>
    </div>
  );
}
