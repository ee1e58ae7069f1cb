import { useEffect, useEffectEvent, useState } from 'react';
import { toApiError } from '../../core/api-client';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Link } from '../../ui/Link';
import { Page } from '../../ui/Page';
import { useQuery } from '../../ui/use-task';
import { useMeetingsText } from './i18n/meetings-i18n';
import { InviteListForm, InviteOneForm } from './InviteForms';
import { meetingsApi } from './meetings-api';
import type { Invitation, Meeting } from './meetings-types';
import { formatSpan } from './time-fns';

/** At most this many invitations per meeting (the API's limit). */
const MAX_INVITATIONS = 500;

type Pending = { invitation: Invitation; action: 'resend' | 'revoke' } | undefined;

/** `/treffen/:id/einladungen`: invite people one by one, from a list or a file; see, resend and revoke. */
export function InvitationsPage({ id }: { id: string }) {
  const { t } = useMeetingsText();
  const meeting = useQuery(`meeting-${id}`, (signal) => meetingsApi.get(id, signal));
  const title = meeting.data
    ? t('invitations.title', { title: meeting.data.title })
    : t('invitations.titleShort');
  return (
    <Page
      title={title}
      before={
        <p className="back-link">
          <Link to={`/treffen/${id}`}>{t('invitations.back')}</Link>
        </p>
      }
    >
      {meeting.status === 'failed' && meeting.error && (
        <ErrorMessage error={meeting.error} onRetry={meeting.reload} />
      )}
      {!meeting.data && meeting.status === 'running' && (
        <p role="status" className="loading">
          {t('loading')}
        </p>
      )}
      {meeting.data && <Invitations meeting={meeting.data} />}
    </Page>
  );
}

function Invitations({ meeting }: { meeting: Meeting }) {
  const { t, problem, language } = useMeetingsText();
  const list = useQuery(`invitations-${meeting.id}`, (signal) => meetingsApi.invitations(meeting.id, signal));
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState('');
  const [pending, setPending] = useState<Pending>();
  const items = list.data?.items ?? [];
  const sending = items.some((invitation) => invitation.state === 'pending');
  const active = meeting.status === 'active';
  const left = MAX_INVITATIONS - items.length;

  // Mails leave through the outbox within seconds: look again while some are still on their way.
  const [polls, setPolls] = useState(0);
  const reload = useEffectEvent(() => list.reload());
  useEffect(() => {
    if (!sending || polls >= 20) {
      return;
    }
    const timer = setTimeout(() => {
      setPolls((count) => count + 1);
      reload();
    }, 2000);
    return () => clearTimeout(timer);
  }, [sending, polls]);

  const invited = (text: string) => {
    setMessage(text);
    setFailure('');
    setPolls(0);
    list.reload();
  };
  const act = async (invitation: Invitation, action: 'resend' | 'revoke' | 'again') => {
    setPending(undefined);
    try {
      if (action === 'again') {
        await meetingsApi.invite(meeting.id, {
          invitees: [{ email: invitation.email, name: invitation.name, language: invitation.language }],
        });
      } else {
        await meetingsApi[action](invitation.id);
      }
      invited(t(`invitations.done.${action}`, { email: invitation.email }));
    } catch (error) {
      setFailure(problem(toApiError(error)));
    }
  };

  return (
    <>
      <p className="lead">
        {meeting.nextOccurrence
          ? t('invitations.intro', {
              when: formatSpan(meeting.nextOccurrence.start, meeting.nextOccurrence.end, language),
            })
          : t('invitations.introNoDate')}
      </p>
      <p className="muted">
        {meeting.kind === 'series' ? t('invitations.seriesNote') : t('invitations.singleNote')}
      </p>
      <p role="status" className="form-status status-ok">
        {message}
      </p>
      {failure !== '' && (
        <p role="alert" className="status status-problem">
          {failure}
        </p>
      )}

      {!active && <p className="status status-problem problem-box">{t('detail.cancelledNote')}</p>}
      {active && left > 0 && (
        <>
          <section className="card" aria-labelledby="invite-one-heading">
            <h2 id="invite-one-heading">{t('invitations.oneHeading')}</h2>
            <InviteOneForm meetingId={meeting.id} onInvited={invited} />
          </section>
          <section className="card" aria-labelledby="invite-list-heading">
            <h2 id="invite-list-heading">{t('invitations.listHeading')}</h2>
            <InviteListForm meetingId={meeting.id} onInvited={invited} />
          </section>
        </>
      )}
      {active && left <= 0 && (
        <p className="help-box">{t('invitations.limitReached', { max: MAX_INVITATIONS })}</p>
      )}

      <section className="card" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t('invitations.listTitle', { count: items.length })}</h2>
        <p className="muted">{t('invitations.limit', { count: items.length, max: MAX_INVITATIONS })}</p>
        {list.status === 'failed' && list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
        {list.data && items.length === 0 && (
          <div className="empty-state">
            <p className="empty-state-title">{t('invitations.empty')}</p>
            <p className="muted">{t('invitations.emptyHint')}</p>
          </div>
        )}
        {items.length > 0 && (
          <ul className="record-list invitation-list">
            {items.map((invitation) => (
              <li key={invitation.id} className="record">
                <p className="record-title">{invitation.name !== '' ? invitation.name : invitation.email}</p>
                {invitation.name !== '' && <p className="record-detail">{invitation.email}</p>}
                <p className="record-meta">
                  <span className={`badge badge-invitation-${invitation.state}`}>
                    {t(`invitations.states.${invitation.state}`)}
                  </span>
                  <span>{t(`invitations.languages.${invitation.language}`)}</span>
                  <span>
                    {t('invitations.changed', {
                      date: new Intl.DateTimeFormat(language, {
                        dateStyle: 'medium',
                        timeStyle: 'short',
                      }).format(new Date(invitation.updatedAt)),
                    })}
                  </span>
                </p>
                {invitation.state === 'failed' && (
                  <p className="record-detail">{t('invitations.failedHint')}</p>
                )}
                {active && (
                  <div className="record-actions">
                    {invitation.state === 'declined' || invitation.state === 'revoked' ? (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={t('invitations.againFor', { email: invitation.email })}
                        onClick={() => void act(invitation, 'again')}
                      >
                        {t('invitations.again')}
                      </button>
                    ) : (
                      <>
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          aria-label={t('invitations.resendFor', { email: invitation.email })}
                          onClick={() => setPending({ invitation, action: 'resend' })}
                        >
                          {t('invitations.resend')}
                        </button>
                        <button
                          type="button"
                          className="button button-danger-outline button-small"
                          aria-label={t('invitations.revokeFor', { email: invitation.email })}
                          onClick={() => setPending({ invitation, action: 'revoke' })}
                        >
                          {t('invitations.revoke')}
                        </button>
                      </>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <ConfirmDialog
        open={pending !== undefined}
        title={pending?.action === 'resend' ? t('invitations.resendTitle') : t('invitations.revokeTitle')}
        text={
          pending
            ? t(pending.action === 'resend' ? 'invitations.resendText' : 'invitations.revokeText', {
                email: pending.invitation.email,
              })
            : ''
        }
        confirmLabel={pending?.action === 'resend' ? t('invitations.resend') : t('invitations.revoke')}
        onConfirm={() => pending && void act(pending.invitation, pending.action)}
        onCancel={() => setPending(undefined)}
      />
    </>
  );
}
