import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';

/** Placeholder: the association's imprint comes from the server's settings later. */
export function ImprintPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('legal.imprint.title')}>
      <p>{t('legal.imprint.text')}</p>
      <p className="muted">{t('legal.imprint.admin')}</p>
    </Page>
  );
}
