import { useTranslation } from 'react-i18next';
import { Link } from '../../ui/Link';
import { AdminListView, useAdminList, type AdminList } from './AdminList';
import { AdminPage, StatusBadge } from './AdminPage';
import type { AdminHost, HostStatus } from './admin-types';
import { ListControls } from './ListControls';

/** `/admin/gruppenleitungen`: hosts and admins; search, filter by status, page through; invite. */
export function HostsPage() {
  const { t } = useTranslation();
  const list: AdminList<AdminHost, HostStatus> = useAdminList('/api/admin/hosts');
  return (
    <AdminPage title={t('admin.hosts.title')}>
      <p>
        <Link to="/admin/gruppenleitungen/neu" className="button button-primary">
          {t('admin.hosts.invite')}
        </Link>
      </p>
      <ListControls<HostStatus>
        id="hosts"
        searchLabel={t('admin.hosts.search')}
        searchHint={t('admin.hosts.searchHint')}
        statusOptions={[
          { value: 'invited', label: t('admin.status.invited') },
          { value: 'active', label: t('admin.status.active') },
          { value: 'deactivated', label: t('admin.status.deactivated') },
        ]}
        onChange={list.setFilter}
      />
      <AdminListView list={list} empty={t('admin.hosts.empty')} noResults={t('admin.hosts.noResults')}>
        {(host) => (
          <>
            <h2 className="record-title">
              <Link to={`/admin/gruppenleitungen/${host.id}`}>{host.name}</Link>
            </h2>
            <p className="record-detail">{host.email}</p>
            <p className="record-meta">
              <StatusBadge status={host.status} />
              <span>{t(`admin.hosts.roles.${host.role}`)}</span>
              {host.totpEnabled && <span>{t('admin.hosts.totpOn')}</span>}
            </p>
            <p className="record-detail">
              {host.organisations.length > 0
                ? host.organisations.map((organisation) => organisation.name).join(', ')
                : t('admin.hosts.noOrganisation')}
            </p>
          </>
        )}
      </AdminListView>
    </AdminPage>
  );
}
