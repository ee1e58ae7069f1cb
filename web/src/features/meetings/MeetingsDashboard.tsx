import { useState } from 'react';
import { toApiError } from '../../core/api-client';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Link } from '../../ui/Link';
import { useQuery } from '../../ui/use-task';
import { CopyInvitation } from './CopyInvitation';
import { useMeetingsText } from './i18n/meetings-i18n';
import { meetingsApi } from './meetings-api';
import { PastRecords } from './PastRecords';
import type { DashboardOccurrence } from './meetings-types';
import { formatSpan } from './time-fns';

const FIRST_PAGE = 5;

/**
 * The host's dates to come (soonest first, in the viewer's zone) with what they do with them, and the past
 * ones below. A cancelled date stays in the list, marked, so nobody wonders where it went.
 */
export function MeetingsDashboard({
  canPlan,
  showOrganisation,
}: {
  canPlan: boolean;
  showOrganisation: boolean;
}) {
  const { t, problem, language } = useMeetingsText();
  const [limit, setLimit] = useState(FIRST_PAGE);
  const upcoming = useQuery(`upcoming-${limit}`, (signal) => meetingsApi.upcoming(limit, signal));
  const past = useQuery('past', (signal) => meetingsApi.past(5, signal));
  const [confirm, setConfirm] = useState<DashboardOccurrence>();
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState('');
  const items = upcoming.data?.items ?? [];
  const total = upcoming.data?.total ?? 0;

  const cancel = async (occurrence: DashboardOccurrence) => {
    setConfirm(undefined);
    try {
      if (occurrence.meeting.kind === 'series') {
        await meetingsApi.occurrenceAction(occurrence.meeting.id, occurrence.id, 'cancel');
      } else {
        await meetingsApi.cancel(occurrence.meeting.id);
      }
      setFailure('');
      setMessage(t('dashboard.cancelled', { title: occurrence.meeting.title }));
      upcoming.reload();
    } catch (error) {
      setFailure(problem(toApiError(error)));
    }
  };

  return (
    <>
      {canPlan && (
        <p>
          <Link to="/treffen/neu" className="button button-primary">
            {t('dashboard.plan')}
          </Link>
        </p>
      )}
      <p role="status" className="form-status status-ok">
        {message}
      </p>
      {failure !== '' && (
        <p role="alert" className="status status-problem">
          {failure}
        </p>
      )}
      <h3 className="list-heading">{t('dashboard.upcoming')}</h3>
      {upcoming.status === 'failed' && upcoming.error && (
        <ErrorMessage error={upcoming.error} onRetry={upcoming.reload} />
      )}
      {!upcoming.data && upcoming.status === 'running' && (
        <p role="status" className="loading">
          {t('loading')}
        </p>
      )}
      {upcoming.data && items.length === 0 && (
        <div className="empty-state">
          <p className="empty-state-title">{t('dashboard.empty')}</p>
          <p className="muted">{canPlan ? t('dashboard.emptyHint') : t('dashboard.emptyNoOrganisation')}</p>
        </div>
      )}
      {items.length > 0 && (
        <ul className="record-list occurrence-records">
          {items.map((occurrence) => {
            const { meeting } = occurrence;
            const cancelled = occurrence.status === 'cancelled' || meeting.status === 'cancelled';
            const when = formatSpan(occurrence.start, occurrence.end, language);
            return (
              <li key={occurrence.id} className="record">
                <p className="occurrence-when">
                  <time dateTime={occurrence.start}>{when}</time>
                </p>
                <h4 className="record-title">
                  <Link to={`/treffen/${meeting.id}`}>{meeting.title}</Link>
                </h4>
                <p className="record-meta">
                  {meeting.kind === 'series' && <span>{t('dashboard.seriesHint')}</span>}
                  {cancelled && (
                    <span className="badge badge-occurrence-cancelled">{t('status.cancelled')}</span>
                  )}
                  {occurrence.status === 'moved' && (
                    <span className="badge badge-occurrence-moved">{t('status.moved')}</span>
                  )}
                  {showOrganisation && <span>{meeting.organisation.name}</span>}
                </p>
                {!cancelled && (
                  <div className="record-actions">
                    <Link
                      to={`/raum/${meeting.meetingId}`}
                      className="button button-primary button-small"
                      aria-label={t('actions.startFor', { title: meeting.title })}
                    >
                      {t('actions.start')}
                    </Link>
                    <Link
                      to={`/treffen/${meeting.id}/einladungen`}
                      className="button button-secondary button-small"
                      aria-label={t('actions.invitationsFor', { title: meeting.title })}
                    >
                      {t('actions.invitations')}
                    </Link>
                    {meeting.kind === 'series' && (
                      <Link
                        to={`/treffen/${meeting.id}/gruppe`}
                        className="button button-secondary button-small"
                        aria-label={t('group.linkFor', { title: meeting.title })}
                      >
                        {t('group.title')}
                      </Link>
                    )}
                    <Link
                      to={
                        meeting.kind === 'series'
                          ? `/treffen/${meeting.id}`
                          : `/treffen/${meeting.id}/bearbeiten`
                      }
                      className="button button-secondary button-small"
                      aria-label={t('actions.editFor', { title: meeting.title })}
                    >
                      {t('actions.edit')}
                    </Link>
                    <CopyInvitation meetingId={meeting.id} title={meeting.title} />
                    <button
                      type="button"
                      className="button button-danger-outline button-small"
                      aria-label={t(
                        meeting.kind === 'series' ? 'actions.cancelFor' : 'actions.cancelMeetingFor',
                        {
                          title: meeting.title,
                          when,
                        },
                      )}
                      onClick={() => setConfirm(occurrence)}
                    >
                      {meeting.kind === 'series' ? t('actions.cancelDate') : t('actions.cancelMeeting')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {total > items.length && (
        <p>
          <button type="button" className="button button-secondary" onClick={() => setLimit(limit + 20)}>
            {t('dashboard.more')}
          </button>
        </p>
      )}

      <h3 className="list-heading">{t('dashboard.past')}</h3>
      {past.status === 'failed' && past.error && <ErrorMessage error={past.error} onRetry={past.reload} />}
      {past.data && past.data.items.length === 0 && <p className="muted">{t('dashboard.pastEmpty')}</p>}
      {past.data && past.data.items.length > 0 && (
        <ul className="plain-list past-list">
          {past.data.items.map((occurrence) => (
            <li key={occurrence.id}>
              <time dateTime={occurrence.start}>
                {formatSpan(occurrence.start, occurrence.end, language)}
              </time>
              {': '}
              <Link to={`/treffen/${occurrence.meeting.id}`}>{occurrence.meeting.title}</Link>
              {occurrence.records && (
                <PastRecords occurrenceId={occurrence.id} records={occurrence.records} />
              )}
            </li>
          ))}
        </ul>
      )}

      <ConfirmDialog
        open={confirm !== undefined}
        title={
          confirm?.meeting.kind === 'series'
            ? t('dashboard.cancelDateTitle')
            : t('actions.cancelMeetingTitle')
        }
        text={
          confirm
            ? confirm.meeting.kind === 'series'
              ? t('dashboard.cancelDateText', {
                  title: confirm.meeting.title,
                  when: formatSpan(confirm.start, confirm.end, language),
                })
              : t('actions.cancelText', { title: confirm.meeting.title })
            : ''
        }
        confirmLabel={
          confirm?.meeting.kind === 'series' ? t('actions.cancelDate') : t('actions.cancelMeeting')
        }
        onConfirm={() => confirm && void cancel(confirm)}
        onCancel={() => setConfirm(undefined)}
      />
    </>
  );
}
