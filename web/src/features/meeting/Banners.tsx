import { useState } from 'react';
import type { MeetingController } from '../../core/meeting/meeting-controller';
import type { MeetingState } from '../../core/meeting/meeting-types';
import { isModerator } from '../../core/meeting/room-state-fns';
import { useMeetingText } from './i18n/meeting-i18n';

/**
 * Messages above the videos, each in words with what to do: the connection is being restored, sound and video
 * are interrupted, someone waits to be let in (hosts), what a host did to this person, a device problem, a hint on
 * a weak connection. Nothing moves; each stays until it no longer applies or is dismissed.
 */
export function Banners({
  meeting,
  state,
  unmuteBlocked,
  onDismissUnmuteBlocked,
  onShowWaiting,
  panelOpen,
}: {
  meeting: MeetingController;
  state: MeetingState;
  unmuteBlocked: boolean;
  onDismissUnmuteBlocked: () => void;
  onShowWaiting: () => void;
  /** The participants panel shows the waiting room itself. */
  panelOpen: boolean;
}) {
  const { t } = useMeetingText();
  const [weakHintDismissed, setWeakHintDismissed] = useState(false);
  const firstWaiting = state.waiting[0];
  const notice = state.notice;
  const audioFailed = state.legs.audio === 'failed';
  return (
    <div className="banners">
      {state.phase === 'reconnecting' && (
        <div className="banner banner-problem" role="status">
          <p>{t('banner.reconnecting')}</p>
        </div>
      )}
      {notice === 'media_interrupted' && (
        <div className="banner banner-problem" role="status">
          <p>{t('banner.mediaInterrupted')}</p>
        </div>
      )}
      {audioFailed && state.phase === 'in_room' && (
        <div className="banner banner-problem" role="alert">
          <p>{t('banner.audioFailed')}</p>
        </div>
      )}
      {isModerator(state.you) && firstWaiting && !panelOpen && (
        <div className="banner banner-waiting">
          <p>
            {state.waiting.length === 1
              ? t('banner.waitingOne', { name: firstWaiting.displayName })
              : t('banner.waitingMany', { name: firstWaiting.displayName, count: state.waiting.length - 1 })}
          </p>
          <div className="banner-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => meeting.host.admit(firstWaiting.participantId)}
            >
              {t('banner.admit')}
              <span className="visually-hidden"> {firstWaiting.displayName}</span>
            </button>
            <button type="button" className="button button-secondary" onClick={onShowWaiting}>
              {t('banner.showWaiting')}
            </button>
          </div>
        </div>
      )}
      {notice !== undefined && notice !== 'media_interrupted' && (
        <div className="banner banner-notice">
          <p>{t(`notice.${notice}`)}</p>
          <div className="banner-actions">
            {notice === 'asked_to_unmute' && (
              <button
                type="button"
                className="button button-primary"
                onClick={() => {
                  meeting.self.setMicMuted(false);
                  meeting.dismissNotice();
                }}
              >
                {t('notice.unmute')}
              </button>
            )}
            <button type="button" className="button button-secondary" onClick={() => meeting.dismissNotice()}>
              {notice === 'asked_to_unmute' ? t('notice.notNow') : t('notice.ok')}
            </button>
          </div>
        </div>
      )}
      {unmuteBlocked && (
        <div className="banner banner-notice">
          <p>{t('notice.unmuteBlocked')}</p>
          <div className="banner-actions">
            <button type="button" className="button button-secondary" onClick={onDismissUnmuteBlocked}>
              {t('notice.ok')}
            </button>
          </div>
        </div>
      )}
      {state.deviceProblem !== undefined && (
        <div className="banner banner-problem" role="alert">
          <p>{t(`banner.device.${state.deviceProblem}`)}</p>
          <div className="banner-actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => meeting.dismissNotice('device')}
            >
              {t('notice.ok')}
            </button>
          </div>
        </div>
      )}
      {(state.quality === 'weak' || state.quality === 'poor') &&
        !state.local.audioOnly &&
        !weakHintDismissed && (
          <div className="banner banner-notice">
            <p>{t('banner.weakConnection')}</p>
            <div className="banner-actions">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => meeting.self.setAudioOnly(true)}
              >
                {t('banner.switchAudioOnly')}
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setWeakHintDismissed(true)}
              >
                {t('notice.notNow')}
              </button>
            </div>
          </div>
        )}
    </div>
  );
}
