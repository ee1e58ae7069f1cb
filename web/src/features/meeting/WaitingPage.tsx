import type { MeetingController } from '../../core/meeting/meeting-controller';
import { AudioLevel } from '../../ui/AudioLevel';
import { useStore } from '../../ui/use-store';
import { useMeetingText } from './i18n/meeting-i18n';
import { MeetingFrame } from './MeetingFrame';
import { TestToneButton } from './TestToneButton';
import { useMeetingState } from './use-meeting';

/**
 * The waiting room: a friendly, calm message, nothing about the meeting (no roster), a small technology check to
 * pass the time, and a way out.
 */
export function WaitingPage({ meeting }: { meeting: MeetingController }) {
  const { t } = useMeetingText();
  const state = useMeetingState(meeting);
  const media = useStore(meeting.media);
  const reconnecting = state.phase === 'reconnecting';
  const hostAbsent = state.waitingReason === 'host_absent';
  return (
    <MeetingFrame title={t('waiting.title')} heading={t('waiting.heading')}>
      <p className="lead">{hostAbsent ? t('waiting.hostAbsent') : t('waiting.text')}</p>
      <p role="status" className={reconnecting ? 'status status-problem' : 'status'}>
        <span className="status-main">{reconnecting ? t('banner.reconnecting') : t('waiting.status')}</span>
      </p>
      <section className="card card-accent" aria-labelledby="waiting-check">
        <h2 id="waiting-check">{t('waiting.checkHeading')}</h2>
        <p>{t('waiting.checkText')}</p>
        {media.stream && media.stream.getAudioTracks().length > 0 ? (
          <AudioLevel stream={media.stream} label={t('waiting.micLevel')} />
        ) : (
          <p className="muted">{t('waiting.noMicrophone')}</p>
        )}
        <TestToneButton speakerId={media.speakerId} />
        <p className="field-hint">
          {state.local.micMuted ? t('waiting.startMuted') : t('waiting.startUnmuted')}{' '}
          {state.local.cameraOn ? t('waiting.startCamera') : t('waiting.startNoCamera')}
        </p>
      </section>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => meeting.leave()}>
          {t('waiting.leave')}
        </button>
      </div>
    </MeetingFrame>
  );
}
