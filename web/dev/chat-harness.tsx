import type { ChatMessageView, ClientMessage, PollView } from '@treffpunkt/protocol';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ChatClient } from '../src/core/meeting/chat-client';
import { PollClient } from '../src/core/meeting/poll-client';
import { participant } from '../src/core/meeting/test/participants';
import { ChatPanel } from '../src/features/meeting/ChatPanel';
import { registerMeetingTexts } from '../src/features/meeting/i18n/meeting-i18n';
import { PollPanel } from '../src/features/meeting/PollPanel';
import { initI18n } from '../src/i18n/i18n';
import { Shell } from '../src/ui/Shell';
import '../src/ui/theme.css';
import '../src/ui/shell.css';
import '../src/ui/forms.css';
import '../src/features/meeting/room.css';
import { FakeMeeting } from './fake-meeting';

/**
 * Development harness for the chat and polls panels with hostile messages, for screenshots and axe checks.
 * `?panel=chat|polls`, `&host` for the host's view, `&off` with the chat switched off.
 */
const params = new URLSearchParams(window.location.search);
const asHost = params.has('host');
initI18n();
registerMeetingTexts();

const sent: ClientMessage[] = [];
(window as unknown as { sent: ClientMessage[] }).sent = sent;
const chat = new ChatClient((message) => sent.push(message));
const polls = new PollClient((message) => sent.push(message));

const view = (
  seq: number,
  senderName: string,
  text: string,
  extra: Partial<ChatMessageView> = {},
): ChatMessageView => ({
  messageId: `00000000-0000-4000-8000-${seq.toString().padStart(12, '0')}`,
  seq,
  clientId: `harness-${seq}`,
  senderName,
  senderRole: 'participant',
  audience: 'everyone',
  text,
  sentAt: new Date(Date.UTC(2030, 2, 4, 18, seq)).toISOString(),
  ...extra,
});
chat.onMessage({
  type: 'chat.history',
  id: 'chat-history',
  more: false,
  ...(asHost ? { exportId: '11111111-1111-4111-8111-111111111111' } : {}),
  messages: [
    view(1, 'Helga Brandt', 'Willkommen! Die Unterlagen: https://example.org/treffen/unterlagen.pdf', {
      senderRole: 'host',
    }),
    view(
      2,
      '<img src=x onerror=alert(1)>',
      '<script>alert("x")</script> <a href="javascript:alert(1)">klick</a>',
    ),
    view(3, 'Anna Becker', 'file:///etc/passwd \\\\server\\freigabe\\datei.exe javascript:alert(1)'),
    view(4, 'Bernd Schulz', 'Rechnung\u202Efdp.exe\r\nzweite Zeile'),
    view(5, 'Carla Winter', 'Mir geht es heute nicht so gut, ich höre nur zu.', { audience: 'hosts' }),
  ],
});
chat.send('Danke, bis nächste Woche!', 'everyone');

const poll: PollView = {
  pollId: '22222222-2222-4222-8222-222222222222',
  question: 'Treffen wir uns im Sommer weiter?',
  options: ['Ja, wie immer', 'Nur alle zwei Wochen', '<b>Nein</b>'],
  multiple: false,
  anonymous: !asHost,
  status: 'open',
  resultsShared: false,
  tallies: asHost ? [5, 2, 1] : null,
  voters: asHost ? 8 : null,
  named: asHost ? [{ name: 'Anna Becker', choices: [0] }] : null,
  yourChoices: null,
};
polls.onMessage({ type: 'poll.list', id: 'poll-list', polls: [poll] });

class HarnessMeeting extends FakeMeeting {
  readonly chat = chat;
  readonly polls = polls;
}
const meeting = new HarnessMeeting({
  phase: 'in_room',
  you: participant('me', {
    displayName: asHost ? 'Helga Brandt' : 'Ingrid Meier',
    role: asHost ? 'host' : 'participant',
  }),
  settings: { locked: false, allowSelfUnmute: true, chatEnabled: !params.has('off'), screenShareLimit: 1 },
});
const state = meeting.getSnapshot();
const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <Shell>
        <div className="meeting-room meeting-room-panel" style={{ display: 'flex', minHeight: '90vh' }}>
          {params.get('panel') === 'polls' ? (
            <PollPanel polls={polls} state={state} onClose={() => undefined} />
          ) : (
            <ChatPanel chat={chat} state={state} onClose={() => undefined} />
          )}
        </div>
      </Shell>
    </StrictMode>,
  );
}
