import type { ClientMessage, ChatMessageView } from '@treffpunkt/protocol';
import { describe, expect, it } from 'vitest';
import { ChatClient } from './chat-client';

const view = (seq: number, clientId: string, extra: Partial<ChatMessageView> = {}): ChatMessageView => ({
  messageId: `00000000-0000-4000-8000-${seq.toString().padStart(12, '0')}`,
  seq,
  clientId,
  senderName: 'Anna',
  senderRole: 'participant',
  audience: 'everyone',
  text: `Nachricht ${seq}`,
  sentAt: '2030-03-04T18:00:00.000Z',
  ...extra,
});

function setUp() {
  const sent: ClientMessage[] = [];
  const chat = new ChatClient((message) => sent.push(message));
  return { chat, sent };
}

describe('ChatClient', () => {
  it('resends an unacknowledged message with the same client id after a reconnect, and shows it once', () => {
    const { chat, sent } = setUp();
    chat.onAdmitted();
    chat.onMessage({
      type: 'chat.history',
      id: 'chat-history',
      messages: [view(1, 'other-client')],
      more: false,
    });
    expect(chat.send('Hallo zusammen', 'everyone')).toBe('sent');
    const first = sent.at(-1);
    expect(first?.type).toBe('chat.send');
    const clientId = first?.type === 'chat.send' ? first.clientId : '';

    // The connection drops before the acknowledgement; back in the room, the chat asks for what it missed
    // and sends the message again, with the same client id.
    sent.length = 0;
    chat.onAdmitted();
    expect(sent).toEqual([
      { type: 'chat.fetch', id: 'chat-history', afterSeq: 1 },
      { type: 'chat.send', id: `chat-${clientId}`, clientId, text: 'Hallo zusammen', audience: 'everyone' },
    ]);
    // The server had stored it before the drop: the history and the acknowledgement both carry it.
    const stored = view(2, clientId, { text: 'Hallo zusammen' });
    chat.onMessage({ type: 'chat.history', id: 'chat-history', messages: [stored], more: false });
    chat.onMessage({ type: 'chat.message', message: stored });
    chat.onMessage({
      type: 'chat.sent',
      id: `chat-${clientId}`,
      clientId,
      seq: 2,
      messageId: stored.messageId,
    });
    const state = chat.getSnapshot();
    expect(state.messages.map((m) => [m.seq, m.mine])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(state.pending).toEqual([]);
    expect(state.unread).toBe(0);
  });

  it('counts unread messages from others while the panel is closed', () => {
    const { chat } = setUp();
    chat.onMessage({
      type: 'chat.history',
      id: 'chat-history',
      messages: [view(1, 'a1a1a1a1')],
      more: false,
    });
    expect(chat.getSnapshot().unread).toBe(0);
    chat.onMessage({ type: 'chat.message', message: view(2, 'b2b2b2b2') });
    chat.onMessage({ type: 'chat.message', message: view(3, 'c3c3c3c3') });
    expect(chat.getSnapshot().unread).toBe(2);
    expect(chat.getSnapshot().latest).toEqual({ seq: 3, name: 'Anna', audience: 'everyone' });
    chat.setOpen(true);
    expect(chat.getSnapshot().unread).toBe(0);
  });

  it('shows an own message once when it arrives stored although its acknowledgement was lost', () => {
    const { chat, sent } = setUp();
    chat.send('Bis gleich', 'everyone');
    const clientId = sent.at(-1)?.type === 'chat.send' ? (sent.at(-1) as { clientId: string }).clientId : '';
    expect(chat.getSnapshot().pending.map((p) => p.text)).toEqual(['Bis gleich']);
    chat.onMessage({ type: 'chat.message', message: view(4, clientId, { text: 'Bis gleich' }) });
    expect(chat.getSnapshot().pending).toEqual([]);
    expect(chat.getSnapshot().messages.map((m) => [m.text, m.mine])).toEqual([['Bis gleich', true]]);
    expect(chat.getSnapshot().unread).toBe(0);
  });

  it('keeps a refused message with the reason and does not resend it by itself', () => {
    const { chat, sent } = setUp();
    chat.send('Zu schnell', 'hosts');
    const clientId = sent.at(-1)?.type === 'chat.send' ? (sent.at(-1) as { clientId: string }).clientId : '';
    chat.onMessage({
      type: 'error',
      id: `chat-${clientId}`,
      error: 'rate_limited',
      message: 'Bitte warten.',
    });
    expect(chat.getSnapshot().pending[0]?.refused).toBe('Bitte warten.');
    expect(chat.getSnapshot().pending[0]?.refusedCode).toBe('rate_limited');
    sent.length = 0;
    chat.onAdmitted();
    expect(sent.map((m) => m.type)).toEqual(['chat.fetch']);
    expect(chat.send('x'.repeat(2001), 'everyone')).toBe('too_long');
    expect(chat.send('   ', 'everyone')).toBe('empty');
  });

  it('leaves errors of other requests to the room', () => {
    const { chat } = setUp();
    expect(chat.onMessage({ type: 'error', id: 'join-1', error: 'forbidden', message: 'x' })).toBe(false);
    expect(chat.onMessage({ type: 'room.ended', reason: 'left' })).toBe(false);
  });
});
