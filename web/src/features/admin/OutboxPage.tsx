import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { Link } from '../../ui/Link';
import { AdminListView, useAdminList, type AdminList } from './AdminList';
import { AdminPage } from './AdminPage';
import type { MailStatus, OutboxItem } from './admin-types';
import { ListControls } from './ListControls';

/** `/admin/postausgang`: outgoing mail and its state; without SMTP, the development mailbox. */
export function OutboxPage() {
  const { t } = useTranslation();
  const list: AdminList<OutboxItem, MailStatus> = useAdminList('/api/admin/outbox');
  return (
    <AdminPage title={t('admin.outbox.title')}>
      <p>{t('admin.outbox.intro')}</p>
      <p className="muted">{t('admin.outbox.devMailbox')}</p>
      <ListControls<MailStatus>
        id="outbox"
        searchLabel={t('admin.outbox.search')}
        searchHint={t('admin.hosts.searchHint')}
        statusOptions={(['pending', 'sending', 'sent', 'failed'] as const).map((status) => ({
          value: status,
          label: t(`admin.outbox.states.${status}`),
        }))}
        onChange={list.setFilter}
      />
      <AdminListView list={list} empty={t('admin.outbox.empty')} noResults={t('admin.outbox.noResults')}>
        {(mail) => <OutboxRecord mail={mail} />}
      </AdminListView>
    </AdminPage>
  );
}

function OutboxRecord({ mail }: { mail: OutboxItem }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h2 className="record-title">
        <Link to={`/admin/postausgang/${mail.id}`}>{mail.subject}</Link>
      </h2>
      <p className="record-meta">
        <MailState status={mail.status} />
        <span>
          {t('admin.outbox.to')}: {mail.recipient}
        </span>
        <span>
          {t('admin.outbox.created')}:{' '}
          <time dateTime={mail.createdAt}>{formatDateTime(mail.createdAt, i18n.language)}</time>
        </span>
      </p>
      {mail.status === 'failed' && mail.lastError && (
        <p className="record-detail">
          {t('admin.outbox.lastError')}: <span lang="en">{mail.lastError}</span>
        </p>
      )}
    </>
  );
}

/** Waiting / sending / sent / failed, in words. */
export function MailState({ status }: { status: OutboxItem['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge badge-mail-${status}`}>{t(`admin.outbox.states.${status}`)}</span>;
}
