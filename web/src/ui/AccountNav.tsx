import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { router } from '../core/router';
import { session } from '../core/session';
import { isPlatformAdmin } from '../core/session-fns';
import { Link } from './Link';
import { useSession } from './use-session';

/** The logged-in person's links (overview, administration, profile), their name and "Log out". */
export function AccountNav() {
  const { t } = useTranslation();
  const { status, me } = useSession();
  const [leaving, setLeaving] = useState(false);

  if (status !== 'authenticated' || !me) {
    return null;
  }

  const logout = async () => {
    if (leaving) {
      return;
    }
    setLeaving(true);
    try {
      await session.logout();
    } catch {
      // The server could not be told; the cookie may live on until it expires, but this page forgets it.
      session.end('loggedOut');
    }
    setLeaving(false);
    router.navigate('/anmelden');
  };

  return (
    <div className="site-header-account">
      <div className="account-bar">
        <nav className="account-nav" aria-label={t('shell.account.navLabel')}>
          <ul>
            <li>
              <Link to="/dashboard" markCurrent>
                {t('shell.account.dashboard')}
              </Link>
            </li>
            {isPlatformAdmin(me) && (
              <li>
                <Link to="/admin" markCurrent markSection>
                  {t('shell.account.admin')}
                </Link>
              </li>
            )}
            <li>
              <Link to="/profil" markCurrent>
                {t('shell.account.profile')}
              </Link>
            </li>
          </ul>
        </nav>
        <div className="account-user">
          <span className="account-name">{t('shell.account.signedInAs', { name: me.user.name })}</span>
          <button
            type="button"
            className="button button-secondary button-small"
            aria-disabled={leaving ? true : undefined}
            onClick={() => void logout()}
          >
            {leaving ? t('shell.account.loggingOut') : t('shell.account.logout')}
          </button>
        </div>
      </div>
    </div>
  );
}
