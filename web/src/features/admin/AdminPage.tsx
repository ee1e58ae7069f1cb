import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../ui/Link';
import { FlashNotice } from '../../ui/Notice';
import { Page } from '../../ui/Page';

export const adminSections = [
  ['/admin/organisationen', 'organisations'],
  ['/admin/gruppenleitungen', 'hosts'],
  ['/admin/treffen', 'meetings'],
  ['/admin/protokoll', 'audit'],
  ['/admin/postausgang', 'outbox'],
  ['/admin/einstellungen', 'settings'],
] as const;

/** Every console page: the areas menu above the heading, then the page; a message left by the last page. */
export function AdminPage({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Page
      title={`${title} – ${t('admin.title')}`}
      heading={title}
      before={
        <nav className="admin-nav" aria-label={t('admin.navLabel')}>
          <ul>
            {adminSections.map(([path, key]) => (
              <li key={key}>
                <Link to={path} markCurrent markSection>
                  {t(`admin.nav.${key}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      }
    >
      <FlashNotice />
      {children}
    </Page>
  );
}

/** A status in words (never colour alone): Aktiv, Deaktiviert, Eingeladen. */
export function StatusBadge({ status }: { status: 'active' | 'deactivated' | 'invited' }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`admin.status.${status}`)}</span>;
}
