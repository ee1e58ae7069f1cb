import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { Link } from './Link';
import { Logo } from './Logo';

/** Landmarks every page shares: skip link, header with menu, main content, footer. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
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
            </ul>
          </nav>
        </div>
      </header>
      <main id="inhalt" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
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
      </footer>
    </>
  );
}
