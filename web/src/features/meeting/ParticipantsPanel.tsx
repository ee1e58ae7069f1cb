import { useId } from 'react';
import type { MeetingController } from '../../core/meeting/meeting-controller';
import type { MeetingState } from '../../core/meeting/meeting-types';
import { handQueue, isModerator } from '../../core/meeting/room-state-fns';
import { HostTools } from './HostTools';
import { Icon } from './icons';
import { useMeetingText } from './i18n/meeting-i18n';
import { ParticipantRow } from './ParticipantRow';

/**
 * The side panel (a full-width panel on phones): for hosts the waiting room and their tools; for everyone the
 * "Redeliste" (raised hands in order) and the list of people.
 */
export function ParticipantsPanel({
  meeting,
  state,
  onClose,
}: {
  meeting: MeetingController;
  state: MeetingState;
  onClose: () => void;
}) {
  const { t } = useMeetingText();
  const id = useId();
  const moderator = isModerator(state.you);
  const queue = handQueue(state.you, state.participants);
  const everyone = state.you ? [state.you, ...state.participants] : state.participants;

  return (
    <aside className="panel" aria-labelledby={`${id}-heading`}>
      <div className="panel-head">
        <h2 id={`${id}-heading`} className="panel-heading">
          {t('people.heading', { count: everyone.length })}
        </h2>
        <button type="button" className="button button-secondary panel-close" onClick={onClose}>
          <Icon name="close" />
          <span>{t('people.close')}</span>
        </button>
      </div>

      {moderator && state.waiting.length > 0 && (
        <section className="panel-section panel-waiting" aria-labelledby={`${id}-waiting`}>
          <h3 id={`${id}-waiting`}>{t('people.waitingHeading', { count: state.waiting.length })}</h3>
          <ul className="plain-rows">
            {state.waiting.map((entry) => (
              <li key={entry.participantId} className="waiting-row">
                <span className="person-name">
                  {entry.displayName}
                  {entry.via === 'phone' && <span className="person-role">{t('people.phone')}</span>}
                </span>
                <span className="row-actions">
                  <button
                    type="button"
                    className="button button-primary"
                    onClick={() => meeting.host.admit(entry.participantId)}
                  >
                    {t('people.admit')}
                    <span className="visually-hidden"> {entry.displayName}</span>
                  </button>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => meeting.host.deny(entry.participantId)}
                  >
                    {t('people.deny')}
                    <span className="visually-hidden"> {entry.displayName}</span>
                  </button>
                </span>
              </li>
            ))}
          </ul>
          {state.waiting.length > 1 && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => meeting.host.admit('all')}
            >
              {t('people.admitAll')}
            </button>
          )}
        </section>
      )}

      <section className="panel-section" aria-labelledby={`${id}-queue`}>
        <h3 id={`${id}-queue`}>{t('queue.heading', { count: queue.length })}</h3>
        {queue.length === 0 ? (
          <p className="muted">{t('queue.empty')}</p>
        ) : (
          <>
            <ol className="queue">
              {queue.map((person) => (
                <li key={person.participantId}>
                  {person.participantId === state.participantId
                    ? t('tile.you', { name: person.displayName })
                    : person.displayName}
                </li>
              ))}
            </ol>
            {moderator && (
              <>
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => meeting.host.callNext(queue[0])}
                >
                  {t('queue.next', { name: queue[0]?.displayName ?? '' })}
                </button>
                <p className="field-hint">{t('queue.nextHint')}</p>
              </>
            )}
          </>
        )}
      </section>

      {moderator && <HostTools meeting={meeting} state={state} />}

      <section className="panel-section" aria-labelledby={`${id}-list`}>
        <h3 id={`${id}-list`}>{t('people.listHeading')}</h3>
        <ul className="people">
          {everyone.map((person) => (
            <ParticipantRow key={person.participantId} person={person} me={state.you} host={meeting.host} />
          ))}
        </ul>
      </section>
    </aside>
  );
}
