import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { unlockAudio } from '../../core/audio';
import type { EchoState, EchoTest } from '../../core/echo-test';
import { echoProblemMessage } from '../../core/echo-test-fns';
import type { LocalMedia } from '../../core/local-media';
import { AudioLevel } from '../../ui/AudioLevel';
import { MediaVideo } from '../../ui/MediaVideo';
import { useStore } from '../../ui/use-store';
import { StepHeading } from './StepHeading';

type T = ReturnType<typeof useTranslation>['t'];

const running = new Set<EchoState['phase']>(['connecting', 'connected', 'interrupted']);

/** Step 3: the echo test through the server — how others will see and hear this person. */
export function EchoStep({ media, echo, number }: { media: LocalMedia; echo: EchoTest; number: number }) {
  const { t } = useTranslation();
  const mediaState = useStore(media);
  const state = useStore(echo);
  const headingId = useId();
  const remoteLabelId = useId();
  const isRunning = running.has(state.phase);
  const canStart = mediaState.status === 'ready';
  const remoteHasVideo = (state.remoteStream?.getVideoTracks().length ?? 0) > 0;

  const toggle = () => {
    if (isRunning) {
      echo.stop();
    } else {
      unlockAudio();
      void echo.start();
    }
  };

  return (
    <section className="card step" aria-labelledby={headingId}>
      <StepHeading id={headingId} number={number} text={t('setup.echoStep.heading')} />
      <p>{t('setup.echoStep.explain')}</p>
      <p role="status" aria-labelledby={headingId} className={`status status-${tone(state)}`}>
        <span className="status-main">{t(`setup.echoStep.status.${state.phase}`)}</span>
        {problemText(state, t)}
      </p>
      {canStart || isRunning ? (
        <div className="actions">
          <button type="button" className="button button-primary" onClick={toggle}>
            {isRunning ? t('setup.echoStep.stop') : t('setup.echoStep.start')}
          </button>
        </div>
      ) : (
        <p className="muted">{t('setup.echoStep.waiting')}</p>
      )}
      {state.remoteStream && (
        <div className="echo-result" role="group" aria-labelledby={remoteLabelId}>
          <p id={remoteLabelId} className="echo-result-label">
            {t('setup.echoStep.remoteLabel')}
          </p>
          <div className={remoteHasVideo ? 'echo-picture' : 'visually-hidden'}>
            <MediaVideo stream={state.remoteStream} speakerId={mediaState.speakerId} testId="echo-video" />
          </div>
          {!remoteHasVideo && <p className="video-placeholder">{t('setup.echoStep.remoteAudioOnly')}</p>}
          <AudioLevel stream={state.remoteStream} label={t('setup.echoStep.remoteLevel')} />
        </div>
      )}
    </section>
  );
}

function tone(state: EchoState): 'neutral' | 'ok' | 'problem' {
  if (state.phase === 'connected') {
    return 'ok';
  }
  return state.phase === 'failed' || state.phase === 'interrupted' ? 'problem' : 'neutral';
}

function problemText(state: EchoState, t: T): string {
  if (!state.problem || (state.phase !== 'failed' && state.phase !== 'ended')) {
    return '';
  }
  return ` ${t(`setup.echoStep.problems.${echoProblemMessage(state.problem)}`)}`;
}
