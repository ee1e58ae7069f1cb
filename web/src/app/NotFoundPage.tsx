import { useTranslation } from 'react-i18next';
import { Link } from '../ui/Link';
import { Page } from '../ui/Page';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/" className="button button-secondary">
          {t('notFound.home')}
        </Link>
      </p>
    </Page>
  );
}
