import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';

/** Placeholder: the association's privacy notice comes from the server's settings later. */
export function PrivacyPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('legal.privacy.title')}>
      <p>{t('legal.privacy.text')}</p>
      <p className="muted">{t('legal.privacy.admin')}</p>
    </Page>
  );
}
