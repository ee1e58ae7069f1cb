import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { publicSettings } from '../core/public-settings';
import { applyDefaultLanguage } from '../i18n/i18n';
import { AccountNav } from './AccountNav';
import { LanguageSwitch } from './LanguageSwitch';
import { Link } from './Link';
import { Logo } from './Logo';
import { useSession } from './use-session';
import { useStore } from './use-store';

/** Landmarks every page shares: skip link, header with menu, main content, footer. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { settings } = useStore(publicSettings);
  const operator = settings?.associationName;
  const { status } = useSession();
  const defaultLanguage = settings?.defaultLanguage;
  useEffect(() => {
    if (defaultLanguage) {
      applyDefaultLanguage(defaultLanguage);
    }
  }, [defaultLanguage]);
  return (
    <>
      <a className="skip-link" href="#inhalt">
        {t('shell.skipLink')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="brand" aria-label={t('shell.homeLink')}>
            <Logo />
            <span className="brand-name">{t('shell.productName')}</span>
          </Link>
          <LanguageSwitch />
          <nav className="site-nav" aria-label={t('shell.navLabel')}>
            <ul>
              <li>
                <Link to="/" markCurrent>
                  {t('shell.nav.home')}
                </Link>
              </li>
              <li>
                <Link to="/test" markCurrent>
                  {t('shell.nav.test')}
                </Link>
              </li>
              <li>
                <Link to="/hilfe" markCurrent>
                  {t('shell.nav.help')}
                </Link>
              </li>
              {status === 'anonymous' && (
                <li>
                  <Link to="/anmelden" markCurrent>
                    {t('shell.account.login')}
                  </Link>
                </li>
              )}
            </ul>
          </nav>
        </div>
        <AccountNav />
      </header>
      <main id="inhalt" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="site-footer-inner">
          <nav aria-label={t('shell.footerLabel')}>
            <ul>
              <li>
                <Link to="/hilfe" markCurrent>
                  {t('shell.nav.help')}
                </Link>
              </li>
              <li>
                <Link to="/datenschutz" markCurrent>
                  {t('shell.nav.privacy')}
                </Link>
              </li>
              <li>
                <Link to="/impressum" markCurrent>
                  {t('shell.nav.imprint')}
                </Link>
              </li>
            </ul>
          </nav>
          {operator !== undefined && operator !== t('shell.productName') && (
            <p className="site-operator">{t('shell.operator', { name: operator })}</p>
          )}
        </div>
      </footer>
    </>
  );
}
