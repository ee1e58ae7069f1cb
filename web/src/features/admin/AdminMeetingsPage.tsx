import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { SelectField } from '../../ui/form/choices';
import { Link } from '../../ui/Link';
import { Pagination, ResultLine } from '../../ui/Pagination';
import { useQuery } from '../../ui/use-task';
import { registerMeetingsTexts, useMeetingsText } from '../meetings/i18n/meetings-i18n';
import { meetingsApi } from '../meetings/meetings-api';
import '../meetings/meetings.css';
import { formatStart } from '../meetings/time-fns';
import { AdminPage } from './AdminPage';
import { useOrganisationOptions } from './use-organisation-options';

registerMeetingsTexts();

const LIMIT = 25;
type When = 'current' | 'past';
type Status = 'active' | 'cancelled';

/**
 * `/admin/treffen`: every organisation's meetings and series, and "plan for a group leader" — the same form hosts
 * use, with organisation and host to choose. The host then sees the meeting as theirs.
 */
export function AdminMeetingsPage() {
  const { t: appT } = useTranslation();
  const { t, language } = useMeetingsText();
  const organisations = useOrganisationOptions();
  const [organisationId, setOrganisationId] = useState('');
  const [when, setWhen] = useState<When>('current');
  const [status, setStatus] = useState<Status>('active');
  const [offset, setOffset] = useState(0);
  const query = useQuery(JSON.stringify([organisationId, when, status, offset]), (signal) =>
    meetingsApi.list(
      {
        scope: organisationId === '' ? 'all' : 'organisation',
        organisationId: organisationId === '' ? undefined : organisationId,
        when,
        status,
        limit: LIMIT,
        offset,
      },
      signal,
    ),
  );
  const items = query.data?.items ?? [];
  const filter =
    <V,>(setter: (value: V) => void) =>
    (value: V) => {
      setter(value);
      setOffset(0);
    };
  return (
    <AdminPage title={appT('admin.nav.meetings')}>
      <p className="lead">{t('admin.intro')}</p>
      <p>
        <Link to="/treffen/neu" className="button button-primary">
          {t('admin.plan')}
        </Link>
      </p>
      <div className="filter-row">
        <SelectField
          id="meetings-organisation"
          label={t('admin.organisation')}
          options={[{ value: '', label: t('admin.allOrganisations') }, ...organisations.options]}
          value={organisationId}
          onChange={filter(setOrganisationId)}
        />
        <SelectField<When>
          id="meetings-when"
          label={t('admin.when')}
          options={[
            { value: 'current', label: t('admin.whenCurrent') },
            { value: 'past', label: t('admin.whenPast') },
          ]}
          value={when}
          onChange={filter(setWhen)}
        />
        <SelectField<Status>
          id="meetings-status"
          label={t('admin.status')}
          options={[
            { value: 'active', label: t('admin.statusActive') },
            { value: 'cancelled', label: t('admin.statusCancelled') },
          ]}
          value={status}
          onChange={filter(setStatus)}
        />
      </div>
      <ResultLine offset={offset} limit={LIMIT} total={query.data?.total} busy={query.status === 'running'} />
      {query.status === 'failed' && query.error && (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      )}
      {query.status === 'done' && items.length === 0 && (
        <div className="empty-state">
          <p>{t('admin.empty')}</p>
        </div>
      )}
      {items.length > 0 && (
        <ul className="record-list">
          {items.map((meeting) => (
            <li key={meeting.id} className="record">
              <h2 className="record-title">
                <Link to={`/treffen/${meeting.id}`}>{meeting.title}</Link>
              </h2>
              <p className="record-detail">
                {meeting.nextStart
                  ? t('admin.next', { when: formatStart(meeting.nextStart, language) })
                  : t('admin.noNext')}
              </p>
              <p className="record-meta">
                <span>{meeting.kind === 'series' ? t('dashboard.seriesHint') : t('admin.single')}</span>
                <span>{meeting.organisation.name}</span>
                <span>{meeting.host?.name ?? t('detail.noHost')}</span>
                {meeting.status === 'cancelled' && (
                  <span className="badge badge-occurrence-cancelled">{t('status.cancelled')}</span>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {query.data && (
        <Pagination offset={offset} limit={LIMIT} total={query.data.total} onChange={setOffset} />
      )}
    </AdminPage>
  );
}
