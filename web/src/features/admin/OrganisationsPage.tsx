import { useTranslation } from 'react-i18next';
import { Link } from '../../ui/Link';
import { AdminListView, useAdminList, type AdminList } from './AdminList';
import { AdminPage, StatusBadge } from './AdminPage';
import type { AdminOrganisation, OrganisationStatus } from './admin-types';
import { ListControls } from './ListControls';

/** `/admin/organisationen`: search, filter by status, page through; create a new one. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const list: AdminList<AdminOrganisation, OrganisationStatus> = useAdminList('/api/admin/organisations');
  return (
    <AdminPage title={t('admin.organisations.title')}>
      <p>
        <Link to="/admin/organisationen/neu" className="button button-primary">
          {t('admin.organisations.new')}
        </Link>
      </p>
      <ListControls<OrganisationStatus>
        id="organisations"
        searchLabel={t('admin.organisations.search')}
        searchHint={t('admin.organisations.searchHint')}
        statusOptions={[
          { value: 'active', label: t('admin.status.active') },
          { value: 'deactivated', label: t('admin.status.deactivated') },
        ]}
        onChange={list.setFilter}
      />
      <AdminListView
        list={list}
        empty={t('admin.organisations.empty')}
        noResults={t('admin.organisations.noResults')}
      >
        {(organisation) => (
          <>
            <h2 className="record-title">
              <Link to={`/admin/organisationen/${organisation.id}`}>{organisation.name}</Link>
            </h2>
            <p className="record-meta">
              <StatusBadge status={organisation.status} />
              <span>{t('admin.organisations.hostCount', { count: organisation.hostCount })}</span>
            </p>
            <p className="record-detail">{organisation.contact || t('admin.organisations.noContact')}</p>
          </>
        )}
      </AdminListView>
    </AdminPage>
  );
}
