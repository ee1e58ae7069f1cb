import { useTranslation } from 'react-i18next';
import { Link } from '../../ui/Link';
import { Page } from '../../ui/Page';

/** Stands in for the login page until the accounts feature replaces this file. */
export function LoginPlaceholder() {
  const { t } = useTranslation();
  return (
    <Page title={t('accounts.login.title')}>
      <p>{t('accounts.login.text')}</p>
      <p>
        <Link to="/" className="button button-secondary">
          {t('accounts.login.back')}
        </Link>
      </p>
    </Page>
  );
}
