import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';
import { LegalText } from './LegalText';

/** The association's privacy notice from the settings (`GET /api/public/settings`). */
export function PrivacyPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('legal.privacy.title')}>
      <LegalText field="privacyNotice" kind="privacy" />
    </Page>
  );
}
