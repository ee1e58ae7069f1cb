import { useState } from 'react';
import { toApiError } from '../../core/api-client';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Link } from '../../ui/Link';
import { useMeetingsText } from './i18n/meetings-i18n';
import { useJoinContext } from './join-context';
import { formatSpan, viewerTimeZone } from './time-fns';

/**
 * On the pre-join page: which meeting this is — title, date and time (in the invitee's zone, else the viewer's),
 * host, organisation, the next dates of a series — a privacy note, and for personal links a way to decline.
 */
export function JoinInfo() {
  const { t, problem, language } = useMeetingsText();
  const { view, protectedMeeting, decline } = useJoinContext();
  const [confirm, setConfirm] = useState(false);
  const [failure, setFailure] = useState('');
  if (!view) {
    return protectedMeeting ? <p className="help-box">{t('join.passcodeLater')}</p> : null;
  }
  const { meeting, occurrence, invitee } = view;
  // The personal link's page is /j/<token>; its group space lives next to it.
  const groupPath = window.location.pathname.startsWith('/j/')
    ? `${window.location.pathname}/gruppe`
    : undefined;
  const zone = invitee?.timeZone ?? viewerTimeZone();
  const showZone = zone !== viewerTimeZone();
  const later = view.upcoming.filter((date) => date.id !== occurrence?.id);
  const doDecline = async () => {
    setConfirm(false);
    try {
      await decline?.();
    } catch (error) {
      setFailure(problem(toApiError(error)));
    }
  };
  return (
    <section className="card join-info" aria-labelledby="join-info-heading">
      <p className="join-info-kicker">
        {invitee ? t('join.invitedAs', { name: invitee.name || t('join.you') }) : t('join.meeting')}
      </p>
      <h2 id="join-info-heading">{meeting.title}</h2>
      <dl className="facts">
        <dt>{meeting.kind === 'series' ? t('join.nextDate') : t('join.date')}</dt>
        <dd>
          {occurrence ? (
            <time dateTime={occurrence.start}>
              {formatSpan(occurrence.start, occurrence.end, language, zone, showZone)}
            </time>
          ) : (
            t('join.noDate')
          )}
        </dd>
        {later.length > 0 && (
          <>
            <dt>{t('join.laterDates')}</dt>
            <dd>
              <ul className="plain-list">
                {later.map((date) => (
                  <li key={date.id}>
                    <time dateTime={date.start}>
                      {formatSpan(date.start, date.end, language, zone, showZone)}
                    </time>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{t('join.host')}</dt>
        <dd>{meeting.hostName ?? t('join.noHost')}</dd>
        <dt>{t('join.organisation')}</dt>
        <dd>{meeting.organisation}</dd>
      </dl>
      {meeting.description !== '' && <p className="description">{meeting.description}</p>}
      {meeting.waitingRoom && <p>{t('join.waitingRoom')}</p>}
      {meeting.e2ee && <p>{t('join.e2ee')}</p>}
      {meeting.kind === 'series' && invitee && groupPath && (
        <p>
          {t('group.linkHint')} <Link to={groupPath}>{t('group.link')}</Link>
        </p>
      )}
      <div className="privacy-note">
        <h3 className="privacy-heading">{t('join.privacyHeading')}</h3>
        <p>{invitee ? t('join.privacyInvitee') : t('join.privacyGuest')}</p>
        <p>
          <Link to="/datenschutz" target="_blank" rel="noopener">
            {t('join.privacyLink')}
          </Link>
        </p>
      </div>
      {decline && (
        <>
          {failure !== '' && (
            <p role="alert" className="status status-problem">
              {failure}
            </p>
          )}
          <p className="decline-row">
            <span>{t('join.declineText')}</span>{' '}
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => setConfirm(true)}
            >
              {t('join.decline')}
            </button>
          </p>
          <ConfirmDialog
            open={confirm}
            title={t('join.declineTitle')}
            text={t('join.declineConfirm', { title: meeting.title })}
            confirmLabel={t('join.decline')}
            onConfirm={() => void doDecline()}
            onCancel={() => setConfirm(false)}
          />
        </>
      )}
    </section>
  );
}
