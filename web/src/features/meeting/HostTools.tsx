import { useId, useState } from 'react';
import type { MeetingController } from '../../core/meeting/meeting-controller';
import type { MeetingState } from '../../core/meeting/meeting-types';
import { useMeetingText } from './i18n/meeting-i18n';

/** What hosts do for everybody: mute all, lower all hands, lock, self-unmute, end (asks once more). */
export function HostTools({ meeting, state }: { meeting: MeetingController; state: MeetingState }) {
  const { t } = useMeetingText();
  const id = useId();
  const [confirmEnd, setConfirmEnd] = useState(false);
  const locked = state.settings?.locked ?? false;
  const allowSelfUnmute = state.settings?.allowSelfUnmute ?? true;
  const anyHand = state.participants.some((person) => person.handRaisedAt !== null);

  return (
    <section className="panel-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('hostTools.heading')}</h3>
      <div className="tool-buttons">
        <button type="button" className="button button-secondary" onClick={() => meeting.host.mute('all')}>
          {t('hostTools.muteAll')}
        </button>
        {anyHand && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => meeting.host.lowerHand('all')}
          >
            {t('hostTools.lowerAll')}
          </button>
        )}
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={locked}
          onClick={() => meeting.host.lock(!locked)}
        >
          {t('hostTools.lock')}
        </button>
      </div>
      <p className="field-hint">{locked ? t('hostTools.lockedHint') : t('hostTools.openHint')}</p>
      <div className="choice">
        <input
          id={`${id}-unmute`}
          type="checkbox"
          checked={allowSelfUnmute}
          onChange={(event) => meeting.host.allowSelfUnmute(event.target.checked)}
        />
        <label htmlFor={`${id}-unmute`}>{t('hostTools.allowSelfUnmute')}</label>
      </div>
      {state.you?.role === 'host' && (
        <div className="actions">
          {confirmEnd ? (
            <>
              <p className="menu-text" role="alert">
                {t('hostTools.endQuestion')}
              </p>
              <button type="button" className="button button-danger" onClick={() => meeting.host.end()}>
                {t('hostTools.endConfirm')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirmEnd(false)}>
                {t('hostTools.endCancel')}
              </button>
            </>
          ) : (
            <button type="button" className="button button-secondary" onClick={() => setConfirmEnd(true)}>
              {t('hostTools.end')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
