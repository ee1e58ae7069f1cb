import { useTranslation } from 'react-i18next';
import { api } from '../../core/api-client';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { formatDateTime } from '../../ui/format';
import { Link } from '../../ui/Link';
import { useQuery } from '../../ui/use-task';
import { AdminPage } from './AdminPage';
import type { OutboxMessage } from './admin-types';
import { MailState } from './OutboxPage';

/**
 * `/admin/postausgang/:id`: one mail of the development mailbox. Only the plain-text part is shown, as text;
 * the HTML part is never put into the page.
 */
export function OutboxMessagePage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const query = useQuery(id, (signal) =>
    api.get<OutboxMessage>(`/api/admin/outbox/${encodeURIComponent(id)}`, { signal }),
  );
  const mail = query.data;
  return (
    <AdminPage title={mail?.subject ?? t('admin.outbox.messageTitle')}>
      {query.status === 'failed' && query.error && <ErrorMessage error={query.error} />}
      {!mail && query.status !== 'failed' && (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {mail && (
        <article className="card mail" aria-label={mail.subject}>
          <dl className="mail-head">
            <dt>{t('admin.outbox.to')}</dt>
            <dd>{mail.recipient}</dd>
            <dt>{t('admin.outbox.state')}</dt>
            <dd>
              <MailState status={mail.status} />
            </dd>
            <dt>{t('admin.outbox.created')}</dt>
            <dd>
              <time dateTime={mail.createdAt}>{formatDateTime(mail.createdAt, i18n.language)}</time>
            </dd>
            <dt>{t('admin.outbox.attempts')}</dt>
            <dd>{mail.attempts}</dd>
          </dl>
          {mail.text ? (
            <pre className="mail-text" lang={mail.language}>
              {mail.text}
            </pre>
          ) : (
            <p className="muted">{t('admin.outbox.noText')}</p>
          )}
        </article>
      )}
      <p>
        <Link to="/admin/postausgang">{t('admin.outbox.back')}</Link>
      </p>
    </AdminPage>
  );
}
