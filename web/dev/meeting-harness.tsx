import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { MeetingState, ParticipantView } from '../src/core/meeting/meeting-types';
import { participant } from '../src/core/meeting/test/participants';
import { MeetingView } from '../src/features/meeting/MeetingPage';
import { initI18n } from '../src/i18n/i18n';
import { Shell } from '../src/ui/Shell';
import '../src/ui/theme.css';
import '../src/ui/shell.css';
import '../src/ui/forms.css';
import { FakeMeeting } from './fake-meeting';
import { fakeCamera, fakeScreen } from './fake-streams';

/**
 * Development harness: the meeting's screens with fixed state, for screenshots and accessibility checks before
 * the server's room handlers exist. `?screen=prejoin|waiting|passcode|gallery|screen|reconnecting|notice|ended`
 * and `&host` for the host's view, `&lang=en`.
 */
const params = new URLSearchParams(window.location.search);
const screen = params.get('screen') ?? 'gallery';
const asHost = params.has('host');

initI18n();
if (params.get('lang') === 'en') {
  void import('../src/i18n/i18n').then((module) => module.changeLanguage('en'));
}

const settings = { locked: false, allowSelfUnmute: true, chatEnabled: true, screenShareLimit: 1 };
const me = participant('me', {
  displayName: asHost ? 'Helga Brandt' : 'Ingrid Meier',
  role: asHost ? 'host' : 'participant',
  micMuted: false,
  cameraOn: true,
});
const others: ParticipantView[] = [
  participant('anna', { displayName: 'Anna Becker', micMuted: false, cameraOn: true }),
  participant('bernd', { displayName: 'Bernd Schulz', cameraOn: true, handRaisedAt: 1 }),
  participant('carla', { displayName: 'Carla Winter', via: 'phone' }),
  participant('dora', {
    displayName: 'Dora Krüger',
    cameraOn: true,
    role: asHost ? 'cohost' : 'participant',
  }),
  participant('emil', { displayName: 'Emil Yilmaz', handRaisedAt: 2, connection: 'weak' }),
];

function roomState(): Partial<MeetingState> {
  const sharing = screen === 'screen';
  const participants = others.map((person) =>
    sharing && person.participantId === 'bernd' ? { ...person, screenSharing: true } : person,
  );
  return {
    phase: screen === 'reconnecting' ? 'reconnecting' : 'in_room',
    participantId: 'me',
    title: 'Gesprächskreis Angehörige',
    you: me,
    participants,
    settings,
    talking: ['anna'],
    speaker: 'anna',
    quality: screen === 'reconnecting' ? 'weak' : 'good',
    local: {
      micMuted: false,
      cameraOn: true,
      screenSharing: false,
      handRaised: false,
      audioOnly: false,
      pushToTalk: false,
    },
    localCamera: fakeCamera(200, 'Ich'),
    remoteVideos: {
      'anna:camera': fakeCamera(30, 'Anna'),
      'bernd:camera': fakeCamera(140, 'Bernd'),
      'dora:camera': fakeCamera(280, 'Dora'),
      ...(sharing ? { 'bernd:screen': fakeScreen() } : {}),
    },
    reactions: [{ seq: 1, participantId: 'dora', reaction: 'applause', at: Date.now() }],
    waiting: asHost
      ? [
          { participantId: 'w1', displayName: 'Wilma Hoffmann', via: 'browser' },
          { participantId: 'w2', displayName: 'Theo Lang', via: 'phone' },
        ]
      : [],
    notice: screen === 'notice' ? 'asked_to_unmute' : undefined,
  };
}

function initialState(): Partial<MeetingState> {
  switch (screen) {
    case 'prejoin':
      return { phase: 'idle' };
    case 'waiting':
      return { phase: 'waiting', waitingReason: 'waiting_room', participantId: 'me' };
    case 'passcode':
      return { phase: 'passcode', passcodeProblem: 'wrong' };
    case 'ended':
      return { phase: 'ended', ended: (params.get('cause') as MeetingState['ended']) ?? 'host_ended' };
    default:
      return roomState();
  }
}

const meeting = new FakeMeeting(initialState());
(window as unknown as { meeting: FakeMeeting }).meeting = meeting;
const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <Shell>
        <MeetingView meeting={meeting} onRejoin={() => window.location.reload()} />
      </Shell>
    </StrictMode>,
  );
}
