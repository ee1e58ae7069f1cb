import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { session } from '../../core/session';
import { isPlatformAdmin } from '../../core/session-fns';
import { Link } from '../../ui/Link';
import { Page } from '../../ui/Page';
import { useSession } from '../../ui/use-session';
import { DashboardMeetingsSlot } from './DashboardMeetingsSlot';

/** `/dashboard`: a host's organisations and meetings; admins find the way to the console here too. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  // Organisations may have changed since the login (an admin assigned one): ask again.
  useEffect(() => {
    void session.load(true);
  }, []);
  if (!me) {
    return null;
  }
  const organisations = me.organisations;
  return (
    <Page title={t('dashboard.title')}>
      <p className="lead">{t('dashboard.greeting', { name: me.user.name })}</p>

      <section className="card" aria-labelledby="dashboard-organisations">
        <h2 id="dashboard-organisations">{t('dashboard.organisations', { count: organisations.length })}</h2>
        {organisations.length === 0 ? (
          <p className="empty-state">{t('dashboard.noOrganisation')}</p>
        ) : (
          <ul className="organisation-list">
            {organisations.map((organisation) => (
              <li key={organisation.id}>{organisation.name}</li>
            ))}
          </ul>
        )}
      </section>

      <DashboardMeetingsSlot organisations={organisations} headingId="dashboard-meetings" />

      {isPlatformAdmin(me) && (
        <section className="card card-accent" aria-labelledby="dashboard-admin">
          <h2 id="dashboard-admin">{t('dashboard.adminHeading')}</h2>
          <p>{t('dashboard.adminText')}</p>
          <p>
            <Link to="/admin" className="button button-secondary">
              {t('dashboard.adminLink')}
            </Link>
          </p>
        </section>
      )}

      <section className="card" aria-labelledby="dashboard-test">
        <h2 id="dashboard-test">{t('dashboard.testHeading')}</h2>
        <p>{t('dashboard.testText')}</p>
        <p>
          <Link to="/test" className="button button-secondary">
            {t('dashboard.testLink')}
          </Link>
        </p>
      </section>
    </Page>
  );
}
