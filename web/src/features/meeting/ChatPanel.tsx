import { CHAT_MAX_CHARS, type ChatAudience } from '@treffpunkt/protocol';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ChatClient, ChatEntry } from '../../core/meeting/chat-client';
import type { MeetingState } from '../../core/meeting/meeting-types';
import { isModerator } from '../../core/meeting/room-state-fns';
import { useStore } from '../../ui/use-store';
import { showBidiControls } from '../../core/meeting/chat-fns';
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
        <ol ref={listRef} className="chat-list" aria-label={t('chat.listLabel')}>
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
                  <p>{t('chat.refused', { reason: pending.refused })}</p>
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
          {message.mine ? t('chat.you') : showBidiControls(message.senderName)}
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
      <p id={`${id}-hint`} className="chat-hint">
        {t('chat.composeHint')}
      </p>
      <textarea
        id={`${id}-text`}
        className="chat-input"
        rows={3}
        maxLength={CHAT_MAX_CHARS}
        value={text}
        dir="auto"
        aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
        aria-invalid={problem ? true : undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {remaining < 200 && <p className="chat-hint">{t('chat.remaining', { count: remaining })}</p>}
      {problem && (
        <p id={`${id}-problem`} className="chat-problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="button button-primary chat-send">
        {t('chat.send')}
      </button>
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
    <section className="panel-section chat-host-tools" aria-labelledby={`${id}-tools`}>
      <h3 id={`${id}-tools`}>{t('chat.hostTools')}</h3>
      <label className="chat-switch">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(event) => chat.setEnabled(event.target.checked)}
        />
        {t('chat.enabled')}
      </label>
      <p className="chat-hint">{enabled ? t('chat.enabledOn') : t('chat.enabledOff')}</p>
      {exportId && (
        <>
          <p className="chat-download-heading">{t('chat.download')}</p>
          <p className="chat-hint">{t('chat.downloadHint')}</p>
          <ul className="chat-downloads">
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
    </section>
  );
}
