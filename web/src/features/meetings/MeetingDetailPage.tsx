import { useState } from 'react';
import { toApiError } from '../../core/api-client';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Link } from '../../ui/Link';
import { FlashNotice } from '../../ui/Notice';
import { Page } from '../../ui/Page';
import { useQuery } from '../../ui/use-task';
import { CopyInvitation } from './CopyInvitation';
import { useMeetingsText } from './i18n/meetings-i18n';
import { durationLabel } from './MeetingForm';
import { meetingsApi } from './meetings-api';
import type { Meeting } from './meetings-types';
import { OccurrencesSection } from './OccurrencesSection';
import { PollDraftsSection } from './PollDraftsSection';
import { useRhythmText } from './RhythmText';
import { formatSpan, viewerTimeZone } from './time-fns';

/** `/treffen/:id`: one meeting or series at a glance, with everything a host does with it. */
export function MeetingDetailPage({ id }: { id: string }) {
  const { t } = useMeetingsText();
  const query = useQuery(`meeting-${id}`, (signal) => meetingsApi.get(id, signal));
  const meeting = query.data;
  return (
    <Page
      title={meeting?.title ?? t('detail.titleShort')}
      before={
        <p className="back-link">
          <Link to="/dashboard">{t('backToDashboard')}</Link>
        </p>
      }
    >
      <FlashNotice />
      {query.status === 'failed' && query.error && (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      )}
      {!meeting && query.status === 'running' && (
        <p role="status" className="loading">
          {t('loading')}
        </p>
      )}
      {meeting && <MeetingDetail meeting={meeting} onChanged={query.reload} onSaved={query.set} />}
    </Page>
  );
}

function MeetingDetail({
  meeting,
  onChanged,
  onSaved,
}: {
  meeting: Meeting;
  onChanged: () => void;
  onSaved: (meeting: Meeting) => void;
}) {
  const { t, problem, language } = useMeetingsText();
  const rhythm = useRhythmText();
  const [confirm, setConfirm] = useState(false);
  const [failure, setFailure] = useState('');
  const active = meeting.status === 'active';
  const next = meeting.nextOccurrence;
  const schedule = meeting.schedules.at(-1);
  const zone = viewerTimeZone();

  const cancelMeeting = async () => {
    setConfirm(false);
    try {
      onSaved(await meetingsApi.cancel(meeting.id));
      setFailure('');
    } catch (error) {
      setFailure(problem(toApiError(error)));
    }
  };

  return (
    <>
      {!active && <p className="status status-problem problem-box">{t('detail.cancelledNote')}</p>}
      {failure !== '' && (
        <p role="alert" className="status status-problem">
          {failure}
        </p>
      )}
      <section className="card" aria-labelledby="detail-when">
        <h2 id="detail-when">
          {meeting.kind === 'series' ? t('detail.seriesHeading') : t('detail.whenHeading')}
        </h2>
        <dl className="facts">
          {meeting.kind === 'series' && schedule?.recurrence && (
            <>
              <dt>{t('detail.rhythm')}</dt>
              <dd>{rhythm(schedule.recurrence, schedule.firstStart)}</dd>
            </>
          )}
          <dt>{meeting.kind === 'series' ? t('detail.next') : t('detail.when')}</dt>
          <dd>
            {next ? (
              <time dateTime={next.start}>{formatSpan(next.start, next.end, language)}</time>
            ) : (
              t('detail.noNext')
            )}
            {zone !== meeting.timeZone && (
              <span className="muted">
                {' '}
                {t('detail.viewerZone', { zone, meetingZone: meeting.timeZone })}
              </span>
            )}
          </dd>
          {schedule && (
            <>
              <dt>{t('detail.duration')}</dt>
              <dd>{durationLabel(schedule.durationMinutes, t)}</dd>
            </>
          )}
          <dt>{t('detail.organisation')}</dt>
          <dd>{meeting.organisation.name}</dd>
          <dt>{t('detail.host')}</dt>
          <dd>{meeting.host?.name ?? t('detail.noHost')}</dd>
          {meeting.coHosts.length > 0 && (
            <>
              <dt>{t('detail.coHosts')}</dt>
              <dd>{meeting.coHosts.map((coHost) => coHost.name).join(', ')}</dd>
            </>
          )}
          <dt>{t('detail.meetingId')}</dt>
          <dd>
            <span className="digits">{meeting.meetingId.replace(/^(\d{3})(\d{3})(\d+)$/, '$1 $2 $3')}</span>
          </dd>
          <dt>{t('detail.passcode')}</dt>
          <dd>{meeting.passcode !== null ? <code>{meeting.passcode}</code> : t('detail.noPasscode')}</dd>
          <dt>{t('detail.dialIn')}</dt>
          <dd>
            {meeting.dialIn.available ? t('detail.dialInOn') : t('detail.dialInOff')}
            {meeting.dialIn.available && meeting.dialIn.numbers.length > 0 && (
              // The numbers people call: the host reads them out to someone on the phone.
              <ul className="plain-list">
                {meeting.dialIn.numbers.map((entry) => (
                  <li key={entry.number}>
                    {entry.label}: <span className="digits">{entry.number}</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
          {meeting.phonePin !== null && (
            <>
              <dt>{t('detail.phonePin')}</dt>
              <dd>
                <code className="digits">{meeting.phonePin}</code>
              </dd>
            </>
          )}
        </dl>
        {meeting.description !== '' && <p className="description">{meeting.description}</p>}
      </section>

      {active && (
        <section className="card" aria-labelledby="detail-actions">
          <h2 id="detail-actions">{t('detail.actionsHeading')}</h2>
          <div className="actions">
            <Link to={`/raum/${meeting.meetingId}`} className="button button-primary">
              {t('actions.start')}
            </Link>
            <Link to={`/treffen/${meeting.id}/einladungen`} className="button button-secondary">
              {t('actions.invitations')}
            </Link>
            <Link to={`/treffen/${meeting.id}/bearbeiten`} className="button button-secondary">
              {t('actions.edit')}
            </Link>
            {meeting.kind === 'series' && (
              <Link to={`/treffen/${meeting.id}/gruppe`} className="button button-secondary">
                {t('group.link')}
              </Link>
            )}
          </div>
          <div className="actions">
            <CopyInvitation meetingId={meeting.id} title={meeting.title} />
          </div>
          <p className="muted">{t('detail.startHint')}</p>
          <div className="actions">
            <button type="button" className="button button-danger-outline" onClick={() => setConfirm(true)}>
              {meeting.kind === 'series' ? t('actions.cancelSeries') : t('actions.cancelMeeting')}
            </button>
          </div>
        </section>
      )}

      {active && next && <PollDraftsSection occurrence={next} />}

      {meeting.kind === 'series' && <OccurrencesSection meeting={meeting} onChanged={onChanged} />}

      <ConfirmDialog
        open={confirm}
        title={meeting.kind === 'series' ? t('actions.cancelSeriesTitle') : t('actions.cancelMeetingTitle')}
        text={t('actions.cancelText', { title: meeting.title })}
        confirmLabel={meeting.kind === 'series' ? t('actions.cancelSeries') : t('actions.cancelMeeting')}
        onConfirm={() => void cancelMeeting()}
        onCancel={() => setConfirm(false)}
      />
    </>
  );
}
