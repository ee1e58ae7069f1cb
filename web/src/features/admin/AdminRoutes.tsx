import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { router } from '../../core/router';
import { matchPath } from '../../core/router-fns';
import { NotFoundPage } from '../../app/NotFoundPage';
import { Link } from '../../ui/Link';
import { useSession } from '../../ui/use-session';
import { useStore } from '../../ui/use-store';
import { registerAdminTexts } from './admin-i18n';
import { AdminMeetingsPage } from './AdminMeetingsPage';
import { AdminOverview } from './AdminOverview';
import { AdminPage } from './AdminPage';
import { AuditPage } from './AuditPage';
import { HostEditPage } from './HostEditPage';
import { HostInvitePage } from './HostInvitePage';
import { HostsPage } from './HostsPage';
import { OrganisationEditPage } from './OrganisationEditPage';
import { OrganisationsPage } from './OrganisationsPage';
import { OutboxMessagePage } from './OutboxMessagePage';
import { OutboxPage } from './OutboxPage';
import { SettingsPage } from './SettingsPage';
import './admin.css';

registerAdminTexts();

const routes: Array<[pattern: string, render: (params: Record<string, string>) => ReactNode]> = [
  ['/admin', () => <AdminOverview />],
  ['/admin/organisationen', () => <OrganisationsPage />],
  ['/admin/organisationen/neu', () => <OrganisationEditPage />],
  ['/admin/organisationen/:id', ({ id = '' }) => <OrganisationEditPage key={id} id={id} />],
  ['/admin/gruppenleitungen', () => <HostsPage />],
  ['/admin/gruppenleitungen/neu', () => <HostInvitePage />],
  ['/admin/gruppenleitungen/:id', ({ id = '' }) => <HostEditPage key={id} id={id} />],
  ['/admin/treffen', () => <AdminMeetingsPage />],
  ['/admin/protokoll', () => <AuditPage />],
  ['/admin/postausgang', () => <OutboxPage />],
  ['/admin/postausgang/:id', ({ id = '' }) => <OutboxMessagePage key={id} id={id} />],
  ['/admin/einstellungen', () => <SettingsPage />],
];

/** The console for platform admins (`/admin/…`); RequireUser has checked the role already. */
export function AdminRoutes() {
  const { t } = useTranslation();
  const { path } = useStore(router);
  const { me } = useSession();

  if (me?.totpEnrolmentRequired) {
    return (
      <AdminPage title={t('admin.title')}>
        <div className="status status-problem problem-box">
          <h2>{t('admin.totpRequired.heading')}</h2>
          <p>{t('admin.totpRequired.text')}</p>
          <p>
            <Link to="/profil#zweiter-faktor" className="button button-primary">
              {t('admin.totpRequired.link')}
            </Link>
          </p>
        </div>
      </AdminPage>
    );
  }
  for (const [pattern, render] of routes) {
    const params = matchPath(pattern, path);
    if (params) {
      return render(params);
    }
  }
  return <NotFoundPage />;
}
