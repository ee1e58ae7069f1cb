import { useState } from 'react';
import { api } from '../../core/api-client';
import { flash } from '../../core/flash';
import { router } from '../../core/router';
import { isPlatformAdmin } from '../../core/session-fns';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Link } from '../../ui/Link';
import { Page } from '../../ui/Page';
import { useSession } from '../../ui/use-session';
import { useQuery } from '../../ui/use-task';
import { useSubmit } from './form-shell';
import { useMeetingsText } from './i18n/meetings-i18n';
import {
  createRequest,
  meetingValues,
  newMeetingValues,
  patchRequest,
  randomPasscode,
  type MeetingFormValues,
} from './meeting-form-fns';
import { MeetingForm, meetingErrorField, useMeetingProblems } from './MeetingForm';
import { meetingsApi } from './meetings-api';
import type { Meeting } from './meetings-types';

type Organisation = { id: string; name: string };

/** Organisations to plan for: a host's own; for platform admins every active one. */
function useOrganisations(admin: boolean, own: Organisation[]): { items: Organisation[]; loading: boolean } {
  const query = useQuery(`plan-organisations-${String(admin)}`, (signal) =>
    admin
      ? api.get<{ items: Organisation[] }>('/api/admin/organisations', {
          query: { status: 'active', limit: 100 },
          signal,
        })
      : Promise.resolve({ items: own }),
  );
  return { items: query.data?.items ?? [], loading: query.data === undefined && query.status !== 'failed' };
}

/** The active hosts of the chosen organisation: admins choose the host among them, everyone the co-hosts. */
function useHosts(organisationId: string): Organisation[] {
  const query = useQuery(`hosts-${organisationId}`, (signal) =>
    organisationId !== ''
      ? meetingsApi.organisationHosts(organisationId, signal)
      : Promise.resolve({ items: [] }),
  );
  return query.data?.items ?? [];
}

/** `/treffen/neu`: plan a meeting or a series. Admins plan for any organisation and host. */
export function NewMeetingPage() {
  const { t } = useMeetingsText();
  const { me } = useSession();
  const admin = isPlatformAdmin(me);
  const organisations = useOrganisations(admin, me?.organisations ?? []);
  const [chosen, setValues] = useState<MeetingFormValues>(() => newMeetingValues('', randomPasscode()));
  const set = (patch: Partial<MeetingFormValues>) => setValues((current) => ({ ...current, ...patch }));
  // Until the person chooses: the first organisation, and for admins a host of it (themselves if they belong).
  const organisationId = chosen.organisationId || (organisations.items[0]?.id ?? '');
  const hosts = useHosts(organisationId);
  const defaultHost = admin ? (hosts.find((host) => host.id === me?.user.id)?.id ?? hosts[0]?.id ?? '') : '';
  const values = { ...chosen, organisationId, hostUserId: chosen.hostUserId || defaultHost };
  const mainHost = values.hostUserId || (me?.user.id ?? '');

  const state = useSubmit<Meeting>(meetingErrorField);
  const problems = useMeetingProblems();
  const submit = () => {
    const request = createRequest(values, { chooseHost: admin });
    state.submit(
      problems(values, 'new'),
      () =>
        request.kind === 'series'
          ? meetingsApi.createSeries(request.body)
          : meetingsApi.createSingle(request.body),
      (meeting) => {
        flash.show(t('form.created', { title: meeting.title }));
        router.navigate(`/treffen/${meeting.id}`);
      },
    );
  };

  if (!organisations.loading && organisations.items.length === 0) {
    return (
      <Page title={t('form.newTitle')}>
        <p className="empty-state">{t('form.noOrganisation')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('form.newTitle')} before={<BackLink />}>
      <p className="lead">{t('form.newIntro')}</p>
      {organisations.loading ? (
        <p role="status" className="loading">
          {t('loading')}
        </p>
      ) : (
        <div className="card">
          <MeetingForm
            mode="new"
            values={values}
            set={set}
            state={state}
            onSubmit={submit}
            organisations={organisations.items}
            hosts={admin ? hosts : undefined}
            coHostCandidates={hosts.filter((host) => host.id !== mainHost)}
          />
        </div>
      )}
    </Page>
  );
}

/** `/treffen/:id/bearbeiten`: change a meeting; invitees get an update when something they were sent changes. */
export function EditMeetingPage({ id }: { id: string }) {
  const { t } = useMeetingsText();
  const query = useQuery(`meeting-${id}`, (signal) => meetingsApi.get(id, signal));
  const meeting = query.data;
  return (
    <Page
      title={meeting ? t('form.editTitle', { title: meeting.title }) : t('form.editTitleShort')}
      before={<BackLink />}
    >
      {query.status === 'failed' && query.error && (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      )}
      {!meeting && query.status === 'running' && (
        <p role="status" className="loading">
          {t('loading')}
        </p>
      )}
      {meeting && <EditForm key={meeting.updatedAt} meeting={meeting} />}
    </Page>
  );
}

function EditForm({ meeting }: { meeting: Meeting }) {
  const { t } = useMeetingsText();
  const { me } = useSession();
  const admin = isPlatformAdmin(me);
  const [values, setValues] = useState(() => meetingValues(meeting));
  const set = (patch: Partial<MeetingFormValues>) => setValues((current) => ({ ...current, ...patch }));
  const hosts = useHosts(meeting.organisation.id);
  const mainHost = values.hostUserId || (meeting.host?.id ?? '');
  const state = useSubmit<Meeting>(meetingErrorField);
  const problems = useMeetingProblems();
  const mode = meeting.kind === 'series' ? 'editSeries' : 'editSingle';
  if (meeting.status === 'cancelled') {
    return <p className="status status-problem">{t('detail.cancelledNote')}</p>;
  }
  const submit = () => {
    const patch = patchRequest(meeting, values, { chooseHost: admin });
    state.submit(
      problems(values, mode),
      async () => (Object.keys(patch).length === 0 ? meeting : meetingsApi.update(meeting.id, patch)),
      (saved) => {
        flash.show(t('form.saved'));
        router.navigate(`/treffen/${saved.id}`);
      },
    );
  };
  return (
    <div className="card">
      <MeetingForm
        mode={mode}
        values={values}
        set={set}
        state={state}
        onSubmit={submit}
        organisations={[]}
        hosts={admin ? hosts : undefined}
        coHostCandidates={hosts.filter((host) => host.id !== mainHost)}
        actions={
          <Link to={`/treffen/${meeting.id}`} className="button button-secondary">
            {t('form.back')}
          </Link>
        }
      />
    </div>
  );
}

function BackLink() {
  const { t } = useMeetingsText();
  return (
    <p className="back-link">
      <Link to="/dashboard">{t('backToDashboard')}</Link>
    </p>
  );
}
