import { useState } from 'react';
import type { MeetingController } from '../../core/meeting/meeting-controller';
import type { RoomCredential } from '../../core/meeting/meeting-types';
import { router } from '../../core/router';
import { useStore } from '../../ui/use-store';
import { JoinGate } from '../meetings/JoinGate';
import { EndedPage } from './EndedPage';
import { registerMeetingTexts } from './i18n/meeting-i18n';
import { meetingRoute } from './meeting-route-fns';
import { ConnectingPage, PasscodePage } from './PasscodePage';
import { PreJoinPage } from './PreJoinPage';
import { Room } from './Room';
import { useMeetingClient, useMeetingState } from './use-meeting';
import { WaitingPage } from './WaitingPage';
import '../setup-test/setup-test.css';
import './meeting-pages.css';
import './room.css';
import './stage.css';
import './controls.css';

registerMeetingTexts();

/** `/j/:token`, `/m/:meetingId`, `/raum/:meetingId`: the live meeting, from the pre-join screen to the end. */
export function MeetingPage() {
  const { path } = useStore(router);
  const [attempt, setAttempt] = useState(0);
  const route = meetingRoute(path);
  if (!route?.ok) {
    return <EndedPage cause={route?.problem ?? 'not_found'} />;
  }
  return (
    <MeetingSession
      key={`${path}#${attempt}`}
      credential={route.credential}
      onRejoin={() => setAttempt((value) => value + 1)}
    />
  );
}

function MeetingSession({ credential, onRejoin }: { credential: RoomCredential; onRejoin: () => void }) {
  const meeting = useMeetingClient(credential);
  return (
    <JoinGate credential={credential}>
      <MeetingView meeting={meeting} onRejoin={onRejoin} />
    </JoinGate>
  );
}

/** Shows the step the person is at. Exported for the development harness (web/dev), which passes fixed state. */
export function MeetingView({ meeting, onRejoin }: { meeting: MeetingController; onRejoin: () => void }) {
  const state = useMeetingState(meeting);
  switch (state.phase) {
    case 'idle':
      return <PreJoinPage meeting={meeting} />;
    case 'connecting':
      return <ConnectingPage />;
    case 'passcode':
      return <PasscodePage meeting={meeting} problem={state.passcodeProblem} />;
    case 'waiting':
      return <WaitingPage meeting={meeting} />;
    case 'reconnecting':
      return state.you ? <Room meeting={meeting} /> : <WaitingPage meeting={meeting} />;
    case 'in_room':
      return <Room meeting={meeting} />;
    case 'ended':
      return <EndedPage cause={state.ended ?? 'left'} onRejoin={onRejoin} />;
  }
}
