import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';
import { CheckStep } from './CheckStep';
import { EchoStep } from './EchoStep';
import { PermissionStep } from './PermissionStep';
import { useSetupTest } from './use-setup-test';
import './setup-test.css';

/** "Test your setup": allow devices, check picture and sound, then the echo test through the server. */
export function SetupTestPage() {
  const { t } = useTranslation();
  const { media, echo } = useSetupTest();
  return (
    <Page title={t('setup.title')}>
      <p className="lead">{t('setup.intro')}</p>
      <PermissionStep media={media} number={1} />
      <CheckStep media={media} number={2} />
      <EchoStep media={media} echo={echo} number={3} />
    </Page>
  );
}
