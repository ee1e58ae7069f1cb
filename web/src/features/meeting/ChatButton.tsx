import { ChatClient } from '../../core/meeting/chat-client';
import { unansweredPolls, type PollClient } from '../../core/meeting/poll-client';
import { useStore } from '../../ui/use-store';
import { ControlButton } from './ControlParts';
import { useMeetingText } from './i18n/meeting-i18n';

/** The chat's button in the controls bar, with the number of unread messages as a badge. */
export function ChatButton({
  chat,
  expanded,
  onClick,
}: {
  chat: ChatClient;
  expanded: boolean;
  onClick: () => void;
}) {
  const { t } = useMeetingText();
  const { unread } = useStore(chat);
  return (
    <ControlButton
      icon="chat"
      label={t('chat.button')}
      expanded={expanded}
      title={t('chat.buttonTitle')}
      onClick={onClick}
      badge={unread > 0 ? t('chat.unread', { count: unread }) : undefined}
    />
  );
}

/** Read when a meeting has no chat (development harness): never changes. */
const noChat = new ChatClient(() => undefined);

/** The screen-reader line for the newest message from someone else (polite, through the room's live region). */
export function useChatAnnouncement(chat: ChatClient | undefined): { seq: number; text: string } | undefined {
  const { t } = useMeetingText();
  const latest = useStore(chat ?? noChat).latest;
  if (!latest) {
    return undefined;
  }
  const key = latest.audience === 'hosts' ? 'chat.announcePrivate' : 'chat.announce';
  return { seq: latest.seq, text: t(key, { name: latest.name }) };
}

/** Hosts only: the occurrence id the chat's history named, for the download links (chat and polls). */
export function useExportId(chat: ChatClient | undefined): string | undefined {
  return useStore(chat ?? noChat).exportId;
}

interface PollsButtonProps {
  polls: PollClient;
  expanded: boolean;
  onClick: () => void;
}

/** The polls button: a badge while a running poll awaits this person's vote. */
export function PollsButton({ polls, expanded, onClick }: PollsButtonProps) {
  const { t } = useMeetingText();
  const open = unansweredPolls(useStore(polls).polls);
  return (
    <ControlButton
      className="wide-only"
      icon="poll"
      label={t('polls.button')}
      expanded={expanded}
      title={t('polls.buttonTitle')}
      onClick={onClick}
      badge={open > 0 ? t('polls.unanswered', { count: open }) : undefined}
    />
  );
}

/** Phones: the polls entry of the "More" menu, with the number of polls awaiting this person's vote. */
export function PollsMenuButton({ polls, expanded, onClick }: PollsButtonProps) {
  const { t } = useMeetingText();
  const open = unansweredPolls(useStore(polls).polls);
  return (
    <button type="button" className="menu-button narrow-only" aria-expanded={expanded} onClick={onClick}>
      {t('polls.button')}
      {open > 0 && <span className="menu-badge"> ({t('polls.unanswered', { count: open })})</span>}
    </button>
  );
}
