import type { ReactNode } from 'react';
import { NotFoundPage } from '../../app/NotFoundPage';
import { router } from '../../core/router';
import { matchPath } from '../../core/router-fns';
import { useStore } from '../../ui/use-store';
import { registerMeetingsTexts } from './i18n/meetings-i18n';
import { GroupDigestStopPage } from './GroupDigestStopPage';
import { GroupSpacePage } from './GroupSpacePage';
import { InvitationsPage } from './InvitationsPage';
import { MeetingDetailPage } from './MeetingDetailPage';
import { EditMeetingPage, NewMeetingPage } from './MeetingFormPage';
import './meetings.css';

registerMeetingsTexts();

const routes: Array<[pattern: string, render: (params: Record<string, string>) => ReactNode]> = [
  ['/treffen/neu', () => <NewMeetingPage />],
  ['/treffen/:id', ({ id = '' }) => <MeetingDetailPage key={id} id={id} />],
  ['/treffen/:id/bearbeiten', ({ id = '' }) => <EditMeetingPage key={id} id={id} />],
  ['/treffen/:id/einladungen', ({ id = '' }) => <InvitationsPage key={id} id={id} />],
  [
    '/treffen/:id/gruppe',
    ({ id = '' }) => <GroupSpacePage key={id} access={{ kind: 'host', meetingId: id }} />,
  ],
];

/** `/j/<token>/gruppe`: an invitee's way into the group space of their series (no account). */
export function InviteeGroupSpace({ token }: { token: string }) {
  return <GroupSpacePage key={token} access={{ kind: 'invitee', token }} />;
}

/** `/gruppe/abbestellen#token=…`: the digest mail's opt-out (no account). */
export function GroupDigestStop() {
  return <GroupDigestStopPage />;
}

/** `/treffen/…`: planning, a meeting's page, editing and invitations (logged in; RequireUser has checked). */
export function MeetingsRoutes() {
  const { path } = useStore(router);
  for (const [pattern, render] of routes) {
    const params = matchPath(pattern, path);
    if (params) {
      return render(params);
    }
  }
  return <NotFoundPage />;
}
