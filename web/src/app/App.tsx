import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { router } from '../core/router';
import { LoginPlaceholder } from '../features/accounts/LoginPlaceholder';
import { HelpPage } from '../features/help/HelpPage';
import { HomePage } from '../features/home/HomePage';
import { ImprintPage } from '../features/legal/ImprintPage';
import { PrivacyPage } from '../features/legal/PrivacyPage';
import { Shell } from '../ui/Shell';
import { useStore } from '../ui/use-store';
import { NotFoundPage } from './NotFoundPage';

// The setup test carries the media code and the protocol schemas; other pages do not need them.
const SetupTestPage = lazy(() =>
  import('../features/setup-test/SetupTestPage').then((module) => ({ default: module.SetupTestPage })),
);

const routes: Record<string, () => ReactNode> = {
  '/': () => <HomePage />,
  '/hilfe': () => <HelpPage />,
  '/datenschutz': () => <PrivacyPage />,
  '/impressum': () => <ImprintPage />,
  '/test': () => <SetupTestPage />,
  '/anmelden': () => <LoginPlaceholder />,
};

export function App() {
  const { t } = useTranslation();
  const { path } = useStore(router);
  const render = routes[path] ?? (() => <NotFoundPage />);
  return (
    <Shell>
      <Suspense fallback={<p className="loading">{t('shell.loading')}</p>}>{render()}</Suspense>
    </Shell>
  );
}
