import { clientMessage } from '@treffpunkt/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { createTestDatabase } from '../../test/test-database.js';
import { chatKit } from './test/chat-kit.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const seqs = (messages: Array<{ message: { seq: number } }>) => messages.map((m) => m.message.seq);

describe('in-meeting chat', () => {
  it('stores before acknowledging, delivers in order to everyone, and never duplicates a resend', async () => {
    const kit = await chatKit(database.db);
    const host = await kit.joinHost();
    const anna = await kit.joinGuest('Anna');
    const ben = await kit.joinGuest('Ben');

    // Three people write at once: everybody receives the same messages in the same (stored) order.
    await Promise.all([
      ...[1, 2, 3].map((n) => kit.say(anna.connection, `Anna ${n}`)),
      ...[1, 2, 3].map((n) => kit.say(ben.connection, `Ben ${n}`)),
      kit.say(host.connection, 'Willkommen'),
    ]);
    for (const who of [host, anna, ben]) {
      expect(seqs(who.connection.of('chat.message'))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    }
    expect(kit.texts(anna.connection)).toEqual(kit.texts(host.connection));
    expect(anna.connection.of('chat.sent').map((ack) => ack.seq)).toHaveLength(3);

    // A resend (as after a lost acknowledgement) gets the stored message's seq; nobody sees it twice.
    const clientId = await kit.say(anna.connection, 'Nur einmal, bitte');
    const first = anna.connection.last('chat.sent');
    await kit.say(anna.connection, 'Nur einmal, bitte', 'everyone', clientId);
    const second = anna.connection.last('chat.sent');
    expect(second).toMatchObject({ clientId, seq: first?.seq, messageId: first?.messageId });
    expect(kit.texts(ben.connection).filter((text) => text === 'Nur einmal, bitte')).toHaveLength(1);
    const stored = await database.db
      .selectFrom('chat_messages')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('occurrence_id', '=', kit.occurrenceId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.count)).toBe(8);

    // Chat text never reaches the log.
    expect(JSON.stringify(kit.logs)).not.toContain('Anna 1');
    expect(JSON.stringify(kit.logs)).not.toContain('Nur einmal');
    await kit.close();
  });

  it('gives the history on admission and what was missed after a reconnect', async () => {
    const kit = await chatKit(database.db);
    const host = await kit.joinHost();
    await kit.say(host.connection, 'Vorher geschrieben');
    const token = kit.invite('Clara');
    const clara = await kit.joinWith(token);
    await kit.send(clara.connection, { type: 'chat.fetch', id: 'h1' });
    expect(clara.connection.last('chat.history')).toMatchObject({
      id: 'h1',
      more: false,
      messages: [{ seq: 1, text: 'Vorher geschrieben', senderName: 'Hanna Host', senderRole: 'host' }],
    });

    // Clara's connection drops; messages go on meanwhile; she comes back with her resume token.
    clara.connection.close();
    await kit.say(host.connection, 'Während du weg warst');
    await kit.say(host.connection, 'Noch eine');
    const again = await kit.joinWith(token, { resumeToken: clara.resumeToken });
    expect(again.participantId).toBe(clara.participantId);
    await kit.send(again.connection, { type: 'chat.fetch', id: 'h2', afterSeq: 1 });
    expect(again.connection.last('chat.history')?.messages.map((m) => m.text)).toEqual([
      'Während du weg warst',
      'Noch eine',
    ]);
    await kit.close();
  });

  it('tells a waiting participant nothing and lets them write nothing', async () => {
    const kit = await chatKit(database.db, { settings: { waitingRoom: true } });
    const host = await kit.joinHost();
    const waiting = await kit.joinGuest('Dora');
    expect(waiting.joined.status).toBe('waiting');
    await kit.say(host.connection, 'Geheim für Zugelassene');
    await expect(kit.say(waiting.connection, 'Hallo?')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(kit.send(waiting.connection, { type: 'chat.fetch', id: 'h' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(waiting.connection.types().filter((type) => type.startsWith('chat.'))).toEqual([]);
    await kit.close();
  });

  it('sends a removed participant no more chat', async () => {
    const kit = await chatKit(database.db);
    const host = await kit.joinHost();
    const emil = await kit.joinGuest('Emil');
    await kit.say(host.connection, 'Vor dem Entfernen');
    await kit.send(host.connection, { type: 'host.remove', participantId: emil.participantId });
    await kit.say(host.connection, 'Nach dem Entfernen');
    expect(kit.texts(emil.connection)).toEqual(['Vor dem Entfernen']);
    await expect(kit.say(emil.connection, 'Ich bin noch da')).rejects.toMatchObject({ code: 'not_in_room' });
    await kit.close();
  });

  it('shows messages to the hosts only to hosts, co-hosts and their sender', async () => {
    const kit = await chatKit(database.db);
    const host = await kit.joinHost();
    const fritz = await kit.joinGuest('Fritz');
    const gina = await kit.joinGuest('Gina');
    await kit.say(fritz.connection, 'Mir geht es heute nicht gut', 'hosts');
    expect(kit.texts(host.connection)).toEqual(['Mir geht es heute nicht gut']);
    expect(kit.texts(fritz.connection)).toEqual(['Mir geht es heute nicht gut']);
    expect(kit.texts(gina.connection)).toEqual([]);
    await kit.send(gina.connection, { type: 'chat.fetch', id: 'g' });
    expect(gina.connection.last('chat.history')?.messages).toEqual([]);
    await kit.send(fritz.connection, { type: 'chat.fetch', id: 'f' });
    expect(fritz.connection.last('chat.history')?.messages).toHaveLength(1);
    await kit.close();
  });

  it('lets hosts delete messages and switch the chat off, and enforces both', async () => {
    const kit = await chatKit(database.db);
    const host = await kit.joinHost();
    const hugo = await kit.joinGuest('Hugo');
    await kit.say(hugo.connection, 'Werbung für etwas');
    const message = hugo.connection.last('chat.message')?.message;
    expect(message).toBeDefined();
    await expect(
      kit.send(hugo.connection, { type: 'chat.delete', messageId: message?.messageId ?? '' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await kit.send(host.connection, { type: 'chat.delete', messageId: message?.messageId ?? '' });
    expect(hugo.connection.last('chat.deleted')).toEqual({
      type: 'chat.deleted',
      messageId: message?.messageId,
    });
    const row = await database.db
      .selectFrom('chat_messages')
      .select(['text', 'deleted_at'])
      .where('id', '=', message?.messageId ?? '')
      .executeTakeFirstOrThrow();
    expect(row.text).toBe('');
    expect(row.deleted_at).not.toBeNull();
    await kit.send(hugo.connection, { type: 'chat.fetch', id: 'after-delete' });
    expect(hugo.connection.last('chat.history')?.messages).toEqual([]);

    await kit.send(host.connection, { type: 'chat.setEnabled', enabled: false });
    expect(hugo.connection.last('room.settings')?.settings.chatEnabled).toBe(false);
    await expect(kit.say(hugo.connection, 'Darf ich noch?')).rejects.toMatchObject({ code: 'forbidden' });
    await kit.say(host.connection, 'Die Hosts können weiter schreiben');
    await kit.send(host.connection, { type: 'chat.setEnabled', enabled: true });
    await kit.say(hugo.connection, 'Wieder an');
    expect(kit.texts(host.connection).at(-1)).toBe('Wieder an');
    await kit.close();
  });

  it('refuses too long messages with a clear error and limits the rate per participant', async () => {
    const kit = await chatKit(database.db, { chat: { burst: 3, perSecond: 0.001 } });
    const host = await kit.joinHost();
    for (const text of ['x'.repeat(2001), 'x'.repeat(10_000)]) {
      const parsed = clientMessage.safeParse({
        type: 'chat.send',
        id: 'l',
        clientId: 'longlong1',
        text,
        audience: 'everyone',
      });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe('A chat message can have at most 2000 characters.');
    }
    expect(
      clientMessage.safeParse({
        type: 'chat.send',
        id: 'e',
        clientId: 'emptyemp',
        text: ' \n ',
        audience: 'everyone',
      }).success,
    ).toBe(false);
    await kit.say(host.connection, 'x'.repeat(2000));
    await kit.say(host.connection, 'zwei');
    await kit.say(host.connection, 'drei');
    await expect(kit.say(host.connection, 'vier')).rejects.toMatchObject({ code: 'rate_limited' });
    await kit.close();
  });
});
