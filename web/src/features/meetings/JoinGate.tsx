import { useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../../core/api-client';
import type { RoomCredential } from '../../core/meeting/meeting-types';
import { Link } from '../../ui/Link';
import { MeetingFrame } from '../meeting/MeetingFrame';
import { registerMeetingsTexts, useMeetingsText } from './i18n/meetings-i18n';
import { JoinContext, type JoinContextValue } from './join-context';
import { joinApi } from './meetings-api';
import type { JoinView } from './meetings-types';
import './meetings.css';

registerMeetingsTexts();

type Gate =
  | { status: 'loading' }
  | { status: 'ready'; view: JoinView | undefined; protectedMeeting: boolean }
  | { status: 'invalid' }
  | { status: 'declined' };

/**
 * In front of the meeting page of `/j/<token>` and `/m/<meeting ID>`: asks the server what the meeting is (for
 * JoinInfo on the pre-join page). A personal link that no longer opens anything (revoked, declined, cancelled)
 * gets its own page at once, before camera and microphone are asked for. Other failures (network, too many
 * attempts) leave the page as it is: the room's own answer explains them.
 */
export function JoinGate({ credential, children }: { credential: RoomCredential; children: ReactNode }) {
  const token = credential.kind === 'invitation' ? credential.token : undefined;
  const meetingId = credential.kind === 'meeting' ? credential.meetingId : undefined;
  const [gate, setGate] = useState<Gate>(
    token !== undefined
      ? { status: 'loading' }
      : { status: 'ready', view: undefined, protectedMeeting: false },
  );

  useEffect(() => {
    const controller = new AbortController();
    const settle = (next: Gate) => {
      if (!controller.signal.aborted) {
        setGate(next);
      }
    };
    const failed = (error: unknown) => {
      if (error instanceof ApiError && error.code === 'invitation_invalid') {
        settle({ status: 'invalid' });
      } else {
        settle({
          status: 'ready',
          view: undefined,
          protectedMeeting: error instanceof ApiError && error.code === 'passcode_required',
        });
      }
    };
    if (token !== undefined) {
      joinApi
        .byInvitation(token, controller.signal)
        .then((view) => settle({ status: 'ready', view, protectedMeeting: false }), failed);
    } else if (meetingId !== undefined) {
      joinApi
        .byMeetingId(meetingId)
        .then((view) => settle({ status: 'ready', view, protectedMeeting: false }), failed);
    }
    return () => controller.abort();
  }, [token, meetingId]);

  switch (gate.status) {
    case 'loading':
      return <CheckingPage />;
    case 'invalid':
      return <NoLongerValidPage />;
    case 'declined':
      return <DeclinedPage />;
    case 'ready': {
      const value: JoinContextValue = {
        view: gate.view,
        protectedMeeting: gate.protectedMeeting,
        decline:
          token === undefined
            ? undefined
            : async () => {
                await joinApi.decline(token);
                setGate({ status: 'declined' });
              },
      };
      return <JoinContext value={value}>{children}</JoinContext>;
    }
  }
}

function CheckingPage() {
  const { t } = useMeetingsText();
  return (
    <MeetingFrame title={t('join.checkingTitle')} focus={false}>
      <p role="status" className="loading">
        {t('join.checking')}
      </p>
    </MeetingFrame>
  );
}

/** "Diese Einladung gilt nicht mehr": revoked, declined, or the meeting was cancelled. */
export function NoLongerValidPage() {
  const { t } = useMeetingsText();
  return (
    <MeetingFrame title={t('join.invalidTitle')} focus={false}>
      <p className="lead">{t('join.invalidText')}</p>
      <ul className="plain-list">
        <li>{t('join.invalidReasons.revoked')}</li>
        <li>{t('join.invalidReasons.declined')}</li>
        <li>{t('join.invalidReasons.cancelled')}</li>
      </ul>
      <p>{t('join.invalidWhatNow')}</p>
      <div className="actions">
        <Link to="/" className="button button-secondary">
          {t('join.home')}
        </Link>
        <Link to="/hilfe" className="button button-secondary">
          {t('join.help')}
        </Link>
      </div>
    </MeetingFrame>
  );
}

function DeclinedPage() {
  const { t } = useMeetingsText();
  return (
    <MeetingFrame title={t('join.declinedTitle')}>
      <p className="lead">{t('join.declinedText')}</p>
      <div className="actions">
        <Link to="/" className="button button-secondary">
          {t('join.home')}
        </Link>
      </div>
    </MeetingFrame>
  );
}
