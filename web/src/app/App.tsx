import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { router } from '../core/router';
import { matchPath } from '../core/router-fns';
import { EmailConfirmPage } from '../features/accounts/EmailConfirmPage';
import { ForgotPasswordPage } from '../features/accounts/ForgotPasswordPage';
import { LoginPage } from '../features/accounts/LoginPage';
import { SetPasswordPage } from '../features/accounts/SetPasswordPage';
import { HelpPage } from '../features/help/HelpPage';
import { HomePage } from '../features/home/HomePage';
import { ImprintPage } from '../features/legal/ImprintPage';
import { PrivacyPage } from '../features/legal/PrivacyPage';
import { RequireUser } from '../ui/RequireUser';
import { Shell } from '../ui/Shell';
import { useStore } from '../ui/use-store';
import { NotFoundPage } from './NotFoundPage';

// Pages with code of their own load when first needed: the setup test (media, protocol schemas), the
// logged-in area (dashboard, profile) and the administration console (platform admins only).
const SetupTestPage = lazy(() =>
  import('../features/setup-test/SetupTestPage').then((module) => ({ default: module.SetupTestPage })),
);
const DashboardPage = lazy(() =>
  import('../features/dashboard/DashboardPage').then((module) => ({ default: module.DashboardPage })),
);
const ProfilePage = lazy(() =>
  import('../features/accounts/profile/ProfilePage').then((module) => ({ default: module.ProfilePage })),
);
const MeetingPage = lazy(() =>
  import('../features/meeting/MeetingPage').then((module) => ({ default: module.MeetingPage })),
);
const MeetingsRoutes = lazy(() =>
  import('../features/meetings/MeetingsRoutes').then((module) => ({ default: module.MeetingsRoutes })),
);
const InviteeGroupSpace = lazy(() =>
  import('../features/meetings/MeetingsRoutes').then((module) => ({ default: module.InviteeGroupSpace })),
);
const GroupDigestStop = lazy(() =>
  import('../features/meetings/MeetingsRoutes').then((module) => ({ default: module.GroupDigestStop })),
);
const AdminRoutes = lazy(() =>
  import('../features/admin/AdminRoutes').then((module) => ({ default: module.AdminRoutes })),
);

/** Patterns as in core/router-fns.ts `matchPath`: `:name` segments, a trailing `/*` for a whole section. */
const routes: Array<[pattern: string, render: (params: Record<string, string>) => ReactNode]> = [
  ['/', () => <HomePage />],
  ['/hilfe', () => <HelpPage />],
  ['/datenschutz', () => <PrivacyPage />],
  // The server's mails link the privacy notice as /privacy.
  ['/privacy', () => <PrivacyPage />],
  ['/impressum', () => <ImprintPage />],
  ['/test', () => <SetupTestPage />],
  ['/j/:token/gruppe', ({ token = '' }) => <InviteeGroupSpace token={token} />],
  ['/gruppe/abbestellen', () => <GroupDigestStop />],
  ['/j/:token', () => <MeetingPage />],
  ['/m/:meetingId', () => <MeetingPage />],
  ['/raum/:meetingId', () => <MeetingPage />],
  ['/anmelden', () => <LoginPage />],
  ['/passwort-vergessen', () => <ForgotPasswordPage />],
  ['/account/setup', () => <SetPasswordPage kind="setup" />],
  ['/account/reset', () => <SetPasswordPage kind="reset" />],
  ['/account/email', () => <EmailConfirmPage />],
  [
    '/dashboard',
    () => (
      <RequireUser>
        <DashboardPage />
      </RequireUser>
    ),
  ],
  [
    '/profil',
    () => (
      <RequireUser>
        <ProfilePage />
      </RequireUser>
    ),
  ],
  [
    '/treffen/*',
    () => (
      <RequireUser>
        <MeetingsRoutes />
      </RequireUser>
    ),
  ],
  [
    '/admin/*',
    () => (
      <RequireUser admin>
        <AdminRoutes />
      </RequireUser>
    ),
  ],
];

export function App() {
  const { t } = useTranslation();
  const { path } = useStore(router);
  const matched = routes
    .map(([pattern, render]) => ({ params: matchPath(pattern, path), render }))
    .find((route) => route.params !== undefined);
  return (
    <Shell>
      <Suspense fallback={<p className="loading">{t('shell.loading')}</p>}>
        {matched?.params ? matched.render(matched.params) : <NotFoundPage />}
      </Suspense>
    </Shell>
  );
}
