import { useTranslation } from 'react-i18next';
import { Link } from '../../ui/Link';
import { AdminPage, adminSections } from './AdminPage';

/** `/admin`: the areas of the console, each with a sentence on what it is for. */
export function AdminOverview() {
  const { t } = useTranslation();
  return (
    <AdminPage title={t('admin.title')}>
      <p className="lead">{t('admin.overview.intro')}</p>
      <ul className="overview-list">
        {adminSections.map(([path, key]) => (
          <li key={key} className="card">
            <h2>
              <Link to={path}>{t(`admin.nav.${key}`)}</Link>
            </h2>
            <p>{t(`admin.overview.${key}`)}</p>
          </li>
        ))}
      </ul>
    </AdminPage>
  );
}
