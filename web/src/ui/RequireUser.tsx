import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { router } from '../core/router';
import { isPlatformAdmin, loginPath } from '../core/session-fns';
import { Link } from './Link';
import { Page } from './Page';
import { useSession } from './use-session';
import { useStore } from './use-store';

/**
 * Shows `children` to a logged-in user (a platform admin, when `admin`); sends anyone else to the login page,
 * which returns here afterwards. Whoever logs out on purpose navigates on their own.
 */
export function RequireUser({ admin = false, children }: { admin?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const { status, me, notice } = useSession();
  const { path, search } = useStore(router);
  const leaving = notice === 'loggedOut' || notice === 'loggedOutEverywhere';

  useEffect(() => {
    if (status === 'anonymous' && !leaving) {
      router.replace(loginPath(`${path}${search}`));
    }
  }, [status, leaving, path, search]);

  if (status !== 'authenticated' || !me) {
    return (
      <p className="loading" role="status">
        {t('accounts.guard.checking')}
      </p>
    );
  }
  if (admin && !isPlatformAdmin(me)) {
    return (
      <Page title={t('accounts.guard.forbiddenTitle')}>
        <p>{t('accounts.guard.forbiddenText')}</p>
        <p>
          <Link to="/dashboard" className="button button-secondary">
            {t('accounts.guard.forbiddenBack')}
          </Link>
        </p>
      </Page>
    );
  }
  return children;
}
