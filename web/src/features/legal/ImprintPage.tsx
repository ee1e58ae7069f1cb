import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';
import { LegalText } from './LegalText';

/** The association's imprint and contact from the settings (`GET /api/public/settings`). */
export function ImprintPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('legal.imprint.title')}>
      <LegalText field="imprint" kind="imprint" />
    </Page>
  );
}
