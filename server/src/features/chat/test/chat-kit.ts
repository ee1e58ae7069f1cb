import { clientMessage, type ClientMessage } from '@treffpunkt/protocol';
import type { Database } from '../../../db/database.js';
import type { HandlerTable, MessageHandler } from '../../signalling/signalling-types.js';
import { defaultSettings } from '../../rooms/test/fake-entry-resolver.js';
import { roomKit, type FakeConnection } from '../../rooms/test/room-kit.js';
import type { RoomSettings } from '../../rooms/rooms-types.js';
import type { RoomRegistry } from '../../rooms/room-service.js';
import { roomsHandlers } from '../../rooms/rooms-handlers.js';
import { chatHandlers } from '../chat-handlers.js';
import { createChatRepo } from '../chat-repo.js';
import { createLiveChat, type ChatPolicy } from '../chat-service.js';
import { insertOccurrence } from './occurrence-fixture.js';

let meetingCounter = 0;

/**
 * The room kit (fake media) with the real chat service over a real database: a meeting whose live-room key is
 * a stored occurrence, and helpers that send messages the way the signalling layer would.
 */
export async function chatKit(
  db: Database,
  options: {
    settings?: Partial<RoomSettings>;
    chat?: Partial<ChatPolicy>;
    /** More handlers over the kit's registry (e.g. polls). */
    extraHandlers?: (registry: RoomRegistry) => HandlerTable;
    /** An occurrence already stored (e.g. of a test organisation); a new one otherwise. */
    occurrenceId?: string;
  } = {},
) {
  const kit = roomKit();
  const occurrenceId = options.occurrenceId ?? (await insertOccurrence(db)).occurrenceId;
  meetingCounter += 1;
  const meeting = kit.resolver.addMeeting({
    meetingId: String(5_550_000_000 + meetingCounter),
    meetingKey: occurrenceId,
    settings: { ...defaultSettings, waitingRoom: false, joinBeforeHost: true, ...options.settings },
  });
  // A fake connection carries the kit's captured logger: `kit.logs` proves chat text never reaches a log line.
  const chat = createLiveChat({
    repo: createChatRepo(db),
    logger: kit.connect().log,
    ...(options.chat ? { policy: options.chat } : {}),
  });
  const handlers: HandlerTable = {
    ...roomsHandlers({ registry: kit.registry }),
    ...chatHandlers({ registry: kit.registry, chat }),
    ...options.extraHandlers?.(kit.registry),
  };

  async function send(connection: FakeConnection, message: ClientMessage): Promise<void> {
    const parsed = clientMessage.parse(message);
    const handler = handlers[parsed.type] as MessageHandler<typeof parsed.type> | undefined;
    if (!handler) {
      throw new Error(`no handler for ${parsed.type}`);
    }
    await handler(connection, parsed);
  }

  const joinHost = () =>
    kit.join({ kind: 'host', meetingId: meeting.meetingId }, { connection: kit.hostConnection() });
  const invite = (name: string) => kit.resolver.invite(meeting.meetingId, name);
  const joinWith = (token: string, extra: { resumeToken?: string; connection?: FakeConnection } = {}) =>
    kit.join({ kind: 'invitation', token }, extra);
  const joinGuest = (name: string) => joinWith(invite(name));

  let counter = 0;
  /** Sends a chat message with a fresh client id; returns the client id. */
  async function say(
    connection: FakeConnection,
    text: string,
    audience: 'everyone' | 'hosts' = 'everyone',
    clientId = `client-${(counter += 1).toString().padStart(4, '0')}-${Math.random().toString(36).slice(2, 8)}`,
  ) {
    await send(connection, { type: 'chat.send', id: `send-${counter}`, clientId, text, audience });
    return clientId;
  }

  const texts = (connection: FakeConnection) => connection.of('chat.message').map((m) => m.message.text);

  return { ...kit, occurrenceId, meeting, chat, send, joinHost, invite, joinWith, joinGuest, say, texts };
}
