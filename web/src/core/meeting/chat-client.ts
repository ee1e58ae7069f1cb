import {
  CHAT_MAX_CHARS,
  type ChatAudience,
  type ChatMessageView,
  type ClientMessage,
  type ServerMessage,
  type SignallingErrorCode,
} from '@treffpunkt/protocol';
import { Store } from '../store';
import { lastSeq, mergeMessages, newClientId } from './chat-fns';

export interface ChatEntry extends ChatMessageView {
  /** Written by this person (in this tab). */
  mine: boolean;
}

/** Written here and not yet acknowledged: resent with the same client id after every reconnect. */
export interface PendingChat {
  clientId: string;
  text: string;
  audience: ChatAudience;
  /** Why the server refused it (its words, in English); it is then not resent on its own. */
  refused?: string | undefined;
  /** The server's error code, which the panel words in the person's language. */
  refusedCode?: SignallingErrorCode | undefined;
}

export interface ChatState {
  messages: ChatEntry[];
  pending: PendingChat[];
  /** Messages from others since the panel was last open. */
  unread: number;
  open: boolean;
  /** Hosts only: the occurrence id for the download links. */
  exportId: string | undefined;
  /** The newest message from someone else, for the screen-reader announcement. */
  latest: { seq: number; name: string; audience: ChatAudience } | undefined;
}

const initialChat: ChatState = {
  messages: [],
  pending: [],
  unread: 0,
  open: false,
  exportId: undefined,
  latest: undefined,
};

const requestPrefix = 'chat-';

/**
 * The meeting chat of one person: messages in `seq` order, what is still unacknowledged, the unread counter.
 * The meeting client feeds it every server message and calls `onAdmitted` whenever the room is (again)
 * entered; then it asks for what it missed and resends what the server has not acknowledged.
 */
export class ChatClient extends Store<ChatState> {
  private readonly ownClientIds = new Set<string>();
  private admittedOnce = false;

  constructor(private readonly transport: (message: ClientMessage) => void) {
    super(initialChat);
  }

  send(text: string, audience: ChatAudience): 'sent' | 'empty' | 'too_long' {
    if (text.trim() === '') {
      return 'empty';
    }
    if (text.length > CHAT_MAX_CHARS) {
      return 'too_long';
    }
    const pending: PendingChat = { clientId: newClientId(), text, audience };
    this.ownClientIds.add(pending.clientId);
    this.setState({ pending: [...this.getSnapshot().pending, pending] });
    this.transmit(pending);
    return 'sent';
  }

  /** Tries a refused message again (same client id: it can never arrive twice). */
  retry(clientId: string): void {
    const pending = this.getSnapshot().pending.find((item) => item.clientId === clientId);
    if (pending) {
      const again = { ...pending, refused: undefined, refusedCode: undefined };
      this.replacePending(clientId, again);
      this.transmit(again);
    }
  }

  discard(clientId: string): void {
    this.setState({ pending: this.getSnapshot().pending.filter((item) => item.clientId !== clientId) });
  }

  remove(messageId: string): void {
    this.transport({ type: 'chat.delete', messageId });
  }

  setEnabled(enabled: boolean): void {
    this.transport({ type: 'chat.setEnabled', enabled });
  }

  setOpen(open: boolean): void {
    this.setState(open ? { open, unread: 0 } : { open });
  }

  /** Entered or re-entered the room: fetch what came after the last message seen, resend the unacknowledged. */
  onAdmitted(): void {
    const after = lastSeq(this.getSnapshot().messages);
    this.transport({
      type: 'chat.fetch',
      id: `${requestPrefix}history`,
      ...(after > 0 ? { afterSeq: after } : {}),
    });
    for (const pending of this.getSnapshot().pending) {
      if (pending.refused === undefined) {
        this.transmit(pending);
      }
    }
  }

  /** Handles chat messages (and errors answering them); returns whether the message was the chat's. */
  onMessage(message: ServerMessage): boolean {
    switch (message.type) {
      case 'chat.message':
        this.receive([message.message], true);
        return true;
      case 'chat.history':
        this.receive(message.messages, this.admittedOnce);
        this.admittedOnce = true;
        this.setState({ exportId: message.exportId });
        if (message.more) {
          this.transport({
            type: 'chat.fetch',
            id: `${requestPrefix}history`,
            afterSeq: lastSeq(this.getSnapshot().messages),
          });
        }
        return true;
      case 'chat.sent':
        this.setState({
          pending: this.getSnapshot().pending.filter((item) => item.clientId !== message.clientId),
        });
        return true;
      case 'chat.deleted':
        this.setState({
          messages: this.getSnapshot().messages.filter((item) => item.messageId !== message.messageId),
        });
        return true;
      case 'error': {
        const clientId = message.id?.startsWith(requestPrefix)
          ? message.id.slice(requestPrefix.length)
          : undefined;
        const pending = this.getSnapshot().pending.find((item) => item.clientId === clientId);
        if (!pending) {
          return message.id === `${requestPrefix}history`;
        }
        this.replacePending(pending.clientId, {
          ...pending,
          refused: message.message,
          refusedCode: message.error,
        });
        return true;
      }
      default:
        return false;
    }
  }

  private receive(incoming: readonly ChatMessageView[], countUnread: boolean): void {
    const state = this.getSnapshot();
    const known = new Set(state.messages.map((item) => item.messageId));
    const fresh = incoming.filter((item) => !known.has(item.messageId));
    const entries = fresh.map((item) => ({ ...item, mine: this.ownClientIds.has(item.clientId) }));
    const fromOthers = entries.filter((item) => !item.mine);
    const newest = fromOthers.at(-1);
    // An own message that arrives (live or in the history) is stored, even if its `chat.sent` was lost on the
    // way: it is no longer "being sent", and it must not show twice.
    const stored = new Set(
      incoming.filter((item) => this.ownClientIds.has(item.clientId)).map((item) => item.clientId),
    );
    this.setState({
      messages: mergeMessages(state.messages, entries),
      pending: stored.size === 0 ? state.pending : state.pending.filter((item) => !stored.has(item.clientId)),
      unread: countUnread && !state.open ? state.unread + fromOthers.length : state.unread,
      latest:
        countUnread && newest
          ? { seq: newest.seq, name: newest.senderName, audience: newest.audience }
          : state.latest,
    });
  }

  private transmit(pending: PendingChat): void {
    this.transport({
      type: 'chat.send',
      id: `${requestPrefix}${pending.clientId}`,
      clientId: pending.clientId,
      text: pending.text,
      audience: pending.audience,
    });
  }

  private replacePending(clientId: string, next: PendingChat): void {
    this.setState({
      pending: this.getSnapshot().pending.map((item) => (item.clientId === clientId ? next : item)),
    });
  }
}
