import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingController } from '../../core/meeting/meeting-controller';
import { useStore } from '../../ui/use-store';
import { Banners } from './Banners';
import { useChatAnnouncement, useExportId } from './ChatButton';
import { ChatPanel } from './ChatPanel';
import { PollPanel } from './PollPanel';
import { ControlsBar, type OpenPanel } from './ControlsBar';
import { Icon } from './icons';
import { useMeetingText } from './i18n/meeting-i18n';
import { LiveAnnouncer } from './LiveAnnouncer';
import { ParticipantsPanel } from './ParticipantsPanel';
import { RemoteAudio } from './RemoteAudio';
import { ShortcutsHelp } from './ShortcutsHelp';
import { Stage, type ViewMode } from './Stage';
import { useMeetingState } from './use-meeting';
import { useMeetingShortcuts, type ShortcutFeedback } from './use-shortcuts';

/**
 * In the meeting: a bar with the title, the connection and the number of people; messages; the videos; the
 * participants panel; the controls. Fills the window (header and footer of the site are hidden, see room.css).
 */
export function Room({ meeting }: { meeting: MeetingController }) {
  const { t } = useMeetingText();
  const state = useMeetingState(meeting);
  const media = useStore(meeting.media);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const [open, setOpen] = useState<OpenPanel>('none');
  const [mode, setMode] = useState<ViewMode>('gallery');
  const [shortcutsShown, setShortcutsShown] = useState(false);
  const [unmuteBlocked, setUnmuteBlocked] = useState(false);
  const [feedback, setFeedback] = useState<{ seq: number; text: string }>();

  const onShortcut = useCallback(
    (what: ShortcutFeedback) => {
      setFeedback((before) => ({ seq: (before?.seq ?? 0) + 1, text: t(`shortcuts.feedback.${what}`) }));
      if (what === 'micBlocked') {
        setUnmuteBlocked(true);
      }
    },
    [t],
  );
  useMeetingShortcuts(meeting, onShortcut);
  // "You may not unmute" goes away once that is no longer so (a host asked to unmute, or allowed it again).
  if (unmuteBlocked && !meeting.self.unmuteBlocked) {
    setUnmuteBlocked(false);
  }

  const title = state.title || t('room.untitled');
  const productName = useTranslation().t('shell.productName');
  useEffect(() => {
    document.title = `${title} – ${productName}`;
  }, [title, productName]);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const peopleOpen = open === 'people';
  const chatOpen = open === 'chat' && meeting.chat !== undefined;
  const pollsOpen = open === 'polls' && meeting.polls !== undefined;
  const chatNote = useChatAnnouncement(meeting.chat);
  const exportId = useExportId(meeting.chat);
  return (
    <div className={peopleOpen || chatOpen || pollsOpen ? 'meeting-room meeting-room-panel' : 'meeting-room'}>
      <div className="room-bar">
        <h1 ref={headingRef} id={titleId} className="room-title" tabIndex={-1}>
          {title}
        </h1>
        <p className={`room-quality room-quality-${state.quality}`}>
          <Icon name="signal" />
          {t(`room.quality.${state.quality}`)}
        </p>
      </div>
      <Banners
        meeting={meeting}
        state={state}
        unmuteBlocked={unmuteBlocked}
        onDismissUnmuteBlocked={() => setUnmuteBlocked(false)}
        onShowWaiting={() => setOpen('people')}
        panelOpen={peopleOpen}
      />
      {shortcutsShown && <ShortcutsHelp onClose={() => setShortcutsShown(false)} />}
      <div className="room-body">
        <section className="room-stage" aria-labelledby={`${titleId}-stage`}>
          <h2 id={`${titleId}-stage`} className="visually-hidden">
            {t('stage.heading')}
          </h2>
          <Stage meeting={meeting} state={state} mode={mode} />
        </section>
        {peopleOpen && <ParticipantsPanel meeting={meeting} state={state} onClose={() => setOpen('none')} />}
        {chatOpen && <ChatPanel chat={meeting.chat} state={state} onClose={() => setOpen('none')} />}
        {pollsOpen && (
          <PollPanel
            polls={meeting.polls}
            state={state}
            exportId={exportId}
            onClose={() => setOpen('none')}
          />
        )}
      </div>
      <ControlsBar
        meeting={meeting}
        state={state}
        open={open}
        setOpen={setOpen}
        mode={mode}
        setMode={setMode}
        onUnmuteBlocked={() => setUnmuteBlocked(true)}
        onShowShortcuts={() => {
          setShortcutsShown(true);
          setOpen('none');
        }}
      />
      <RemoteAudio stream={state.remoteAudio} speakerId={media.speakerId} />
      <LiveAnnouncer announcement={state.announcement} feedback={feedback} chat={chatNote} />
    </div>
  );
}
