import {
  CHAT_MAX_CHARS,
  revealBidiControls,
  type ChatAudience,
  type SignallingErrorCode,
} from '@treffpunkt/protocol';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ChatClient, ChatEntry } from '../../core/meeting/chat-client';
import type { MeetingState } from '../../core/meeting/meeting-types';
import { isModerator } from '../../core/meeting/room-state-fns';
import { useStore } from '../../ui/use-store';
import { ChatMessageText } from './ChatMessageText';
import { Icon } from './icons';
import { useMeetingText } from './i18n/meeting-i18n';
import './chat.css';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * The chat side panel: the messages (links only for http(s) addresses), what is still being sent, the box to
 * write in (to everyone, or privately to the hosts), and for hosts the on/off switch and the download links.
 */
export function ChatPanel({
  chat,
  state,
  onClose,
}: {
  chat: ChatClient;
  state: MeetingState;
  onClose: () => void;
}) {
  const { t } = useMeetingText();
  const id = useId();
  const chatState = useStore(chat);
  const moderator = isModerator(state.you);
  const enabled = state.settings?.chatEnabled ?? true;
  const mayWrite = enabled || moderator;
  const listRef = useRef<HTMLOListElement>(null);
  const count = chatState.messages.length + chatState.pending.length;
  const refusalText = useRefusalText();

  useEffect(() => {
    chat.setOpen(true);
    return () => chat.setOpen(false);
  }, [chat]);
  useEffect(() => {
    const list = listRef.current;
    if (list) {
      list.scrollTop = list.scrollHeight;
    }
  }, [count]);

  return (
    <aside className="panel chat-panel" aria-labelledby={`${id}-heading`}>
      <div className="panel-head">
        <h2 id={`${id}-heading`} className="panel-heading">
          {t('chat.heading')}
        </h2>
        <button type="button" className="button button-secondary panel-close" onClick={onClose}>
          <Icon name="close" />
          <span>{t('chat.close')}</span>
        </button>
      </div>
      {moderator && <ChatHostTools chat={chat} enabled={enabled} exportId={chatState.exportId} />}
      {chatState.messages.length === 0 && chatState.pending.length === 0 ? (
        <p className="chat-empty">{t('chat.empty')}</p>
      ) : (
        // Focusable, so the list can be scrolled by keyboard even when it holds no link or button.
        <ol ref={listRef} className="chat-list" aria-label={t('chat.listLabel')} tabIndex={0}>
          {chatState.messages.map((message) => (
            <ChatRow
              key={message.messageId}
              message={message}
              canDelete={moderator}
              onDelete={() => chat.remove(message.messageId)}
            />
          ))}
          {chatState.pending.map((pending) => (
            <li key={pending.clientId} className="chat-row chat-row-mine chat-row-pending">
              <p className="chat-meta">
                <span className="chat-name">{t('chat.you')}</span>
                {pending.audience === 'hosts' && <span className="chat-private">{t('chat.toHosts')}</span>}
              </p>
              <ChatMessageText text={pending.text} />
              {pending.refused === undefined ? (
                <p className="chat-status">{t('chat.sending')}</p>
              ) : (
                <div className="chat-refused" role="alert">
                  <p>{t('chat.refused', { reason: refusalText(pending.refusedCode) })}</p>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => chat.retry(pending.clientId)}
                  >
                    {t('chat.retry')}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => chat.discard(pending.clientId)}
                  >
                    {t('chat.discard')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {mayWrite ? <ChatComposer chat={chat} /> : <p className="chat-off">{t('chat.offForYou')}</p>}
    </aside>
  );
}

/** The server's refusal in the person's language (its own words are English, for logs and tools). */
function useRefusalText(): (code: SignallingErrorCode | undefined) => string {
  const { t } = useMeetingText();
  return (code) => {
    switch (code) {
      case 'rate_limited':
        return t('chat.refusedBecause.rateLimited');
      case 'forbidden':
        return t('chat.refusedBecause.forbidden');
      case 'invalid_message':
      case 'message_too_large':
        return t('chat.refusedBecause.invalid');
      default:
        return t('chat.refusedBecause.other');
    }
  };
}

function ChatRow({
  message,
  canDelete,
  onDelete,
}: {
  message: ChatEntry;
  canDelete: boolean;
  onDelete: () => void;
}) {
  const { t } = useMeetingText();
  const role = message.senderRole === 'participant' ? undefined : t(`chat.role.${message.senderRole}`);
  const classes = [
    'chat-row',
    message.mine ? 'chat-row-mine' : '',
    message.audience === 'hosts' ? 'chat-row-private' : '',
  ];
  return (
    <li className={classes.filter(Boolean).join(' ')}>
      <p className="chat-meta">
        <span className="chat-name" dir="auto">
          {message.mine ? t('chat.you') : revealBidiControls(message.senderName)}
        </span>
        {role && <span className="chat-role">{role}</span>}
        <time dateTime={message.sentAt}>{timeFormat.format(new Date(message.sentAt))}</time>
        {message.audience === 'hosts' && <span className="chat-private">{t('chat.toHosts')}</span>}
      </p>
      <ChatMessageText text={message.text} />
      {canDelete && (
        <button type="button" className="chat-delete" onClick={onDelete}>
          {t('chat.deleteMessage')}
          <span className="visually-hidden"> – {t('chat.deleteFor', { name: message.senderName })}</span>
        </button>
      )}
    </li>
  );
}

function ChatComposer({ chat }: { chat: ChatClient }) {
  const { t } = useMeetingText();
  const id = useId();
  const [text, setText] = useState('');
  const [audience, setAudience] = useState<ChatAudience>('everyone');
  const [problem, setProblem] = useState<string>();
  const remaining = CHAT_MAX_CHARS - text.length;
  // No `maxLength`: a pasted text that is too long would be cut off without a word; it is refused, with the reason.
  const tooLong = remaining < 0;

  const submit = () => {
    const outcome = chat.send(text, audience);
    if (outcome === 'sent') {
      setText('');
      setProblem(undefined);
    } else if (outcome === 'too_long') {
      setProblem(t('chat.tooLong'));
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form
      className="chat-compose"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <fieldset className="chat-audience">
        <legend>{t('chat.audience')}</legend>
        {(['everyone', 'hosts'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name={`${id}-audience`}
              value={value}
              checked={audience === value}
              onChange={() => setAudience(value)}
            />
            {value === 'everyone' ? t('chat.toEveryone') : t('chat.toHostsOption')}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-text`} className="chat-label">
        {t('chat.composeLabel')}
      </label>
      <textarea
        id={`${id}-text`}
        className="chat-input"
        rows={2}
        value={text}
        dir="auto"
        aria-describedby={`${id}-hint${remaining < 200 ? ` ${id}-count` : ''}${problem ? ` ${id}-problem` : ''}`}
        aria-invalid={problem || tooLong ? true : undefined}
        onChange={(event) => {
          setText(event.target.value);
          if (CHAT_MAX_CHARS - event.target.value.length >= 0) {
            setProblem(undefined);
          }
        }}
        onKeyDown={onKeyDown}
      />
      {remaining < 200 && (
        <p id={`${id}-count`} className={tooLong ? 'chat-hint chat-over' : 'chat-hint'}>
          {tooLong ? t('chat.overLimit', { count: -remaining }) : t('chat.remaining', { count: remaining })}
        </p>
      )}
      {problem && (
        <p id={`${id}-problem`} className="chat-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="chat-send-row">
        <p id={`${id}-hint`} className="chat-hint">
          {t('chat.composeHint')}
        </p>
        <button type="submit" className="button button-primary chat-send">
          {t('chat.send')}
        </button>
      </div>
    </form>
  );
}

function ChatHostTools({
  chat,
  enabled,
  exportId,
}: {
  chat: ChatClient;
  enabled: boolean;
  exportId: string | undefined;
}) {
  const { t } = useMeetingText();
  const id = useId();
  return (
    <>
      {!enabled && <p className="chat-off-note">{t('chat.enabledOff')}</p>}
      {/* Closed by default: the messages keep the room; hosts open it to switch the chat or download it. */}
      <details className="chat-host-tools">
        <summary>{t('chat.hostTools')}</summary>
        <div className="chat-host-tools-body">
          <label className="chat-switch">
            <input
              type="checkbox"
              checked={enabled}
              onChange={(event) => chat.setEnabled(event.target.checked)}
            />
            {t('chat.enabled')}
          </label>
          {enabled && <p className="chat-hint">{t('chat.enabledOn')}</p>}
          {exportId && (
            <>
              <p id={`${id}-download`} className="chat-download-heading">
                {t('chat.download')}
              </p>
              <p className="chat-hint">{t('chat.downloadHint')}</p>
              <ul className="chat-downloads" aria-labelledby={`${id}-download`}>
                {(['txt', 'csv', 'json'] as const).map((format) => (
                  <li key={format}>
                    <a href={`/api/occurrences/${encodeURIComponent(exportId)}/chat.${format}`} download>
                      {t(`chat.download${format === 'txt' ? 'Txt' : format === 'csv' ? 'Csv' : 'Json'}`)}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </details>
    </>
  );
}
