import { randomUUID } from 'node:crypto';
import {
  clientMessage,
  type ClientMessage,
  type RoomCredential,
  type ServerMessage,
} from '@treffpunkt/protocol';
import type { Logger } from '../../../lib/logger.js';
import { captureLogs } from '../../../media/test/log-capture.js';
import type {
  HandlerTable,
  MessageHandler,
  SessionUser,
  SignallingContext,
} from '../../signalling/signalling-types.js';
import { createRoomRegistry, type RoomRegistry } from '../room-service.js';
import { roomsHandlers } from '../rooms-handlers.js';
import type { RoomMemoryStore } from '../room-memory.js';
import type { RoomPolicy } from '../rooms-types.js';
import { FakeEntryResolver } from './fake-entry-resolver.js';
import { FakeMediaPlane, FakeRoomMedia } from './fake-room-media.js';

type Of<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/** A signalling connection as a handler sees it, recording what it was sent; `close()` runs its releases. */
export class FakeConnection implements SignallingContext {
  readonly connectionId = randomUUID();
  readonly state = new Map<string, unknown>();
  readonly received: ServerMessage[] = [];
  private readonly releases = new Set<() => void | Promise<void>>();
  private open = true;

  constructor(
    readonly log: Logger,
    readonly sessionUser?: SessionUser,
  ) {}

  send(message: ServerMessage): void {
    if (this.open) {
      this.received.push(message);
    }
  }

  onClose(release: () => void | Promise<void>): () => void {
    this.releases.add(release);
    return () => this.releases.delete(release);
  }

  close(): void {
    this.open = false;
    this.releases.forEach((release) => void release());
    this.releases.clear();
  }

  of<T extends ServerMessage['type']>(type: T): Array<Of<T>> {
    return this.received.filter((message): message is Of<T> => message.type === type);
  }

  last<T extends ServerMessage['type']>(type: T): Of<T> | undefined {
    return this.of(type).at(-1);
  }

  types(): string[] {
    return this.received.map((message) => message.type);
  }
}

/** A registry with fakes behind it, and helpers to act as browsers would. */
export function roomKit(policy: Partial<RoomPolicy> = {}, extra: { memory?: RoomMemoryStore } = {}) {
  const logs = captureLogs('debug');
  const resolver = new FakeEntryResolver();
  const media = new FakeRoomMedia();
  const plane = new FakeMediaPlane();
  const registry: RoomRegistry = createRoomRegistry({
    resolver,
    mediaPlane: plane,
    media,
    logger: logs.logger,
    ...(extra.memory ? { memory: extra.memory } : {}),
    policy: {
      reconnectGraceMs: 200,
      mediaRecoveryMs: 300,
      talkingIntervalMs: 50,
      joins: { burst: 50, perSecond: 50 },
      ...policy,
    },
  });
  const handlers: HandlerTable = roomsHandlers({ registry });
  const meeting = resolver.addMeeting({ meetingId: '1234567890' });

  /** Validates the message as the signalling layer would, then runs its handler. */
  async function send(connection: FakeConnection, message: ClientMessage): Promise<void> {
    const parsed = clientMessage.parse(message);
    const handler = handlers[parsed.type] as MessageHandler<typeof parsed.type> | undefined;
    if (!handler) {
      throw new Error(`no handler for ${parsed.type}`);
    }
    await handler(connection, parsed);
  }

  function connect(sessionUser?: SessionUser): FakeConnection {
    return new FakeConnection(logs.logger, sessionUser);
  }

  async function join(
    credential: RoomCredential,
    extra: {
      displayName?: string;
      resumeToken?: string;
      micMuted?: boolean;
      connection?: FakeConnection;
    } = {},
  ) {
    const connection = extra.connection ?? connect();
    const id = `join-${randomUUID().slice(0, 8)}`;
    await send(connection, {
      type: 'room.join',
      id,
      credential,
      ...(extra.displayName ? { displayName: extra.displayName } : {}),
      ...(extra.resumeToken ? { resumeToken: extra.resumeToken } : {}),
      ...(extra.micMuted === undefined ? {} : { micMuted: extra.micMuted }),
    });
    const joined = connection.of('room.joined').find((message) => message.id === id);
    if (!joined) {
      throw new Error('no room.joined');
    }
    return { connection, participantId: joined.participantId, resumeToken: joined.resumeToken, joined };
  }

  const hostConnection = () => connect({ userId: 'user-host', displayName: 'Hanna Host' });
  const joinHost = () =>
    join({ kind: 'host', meetingId: meeting.meetingId }, { connection: hostConnection() });
  const joinGuest = (name: string) =>
    join({ kind: 'invitation', token: resolver.invite(meeting.meetingId, name) });

  return {
    logs: logs.lines,
    resolver,
    media,
    plane,
    registry,
    meeting,
    send,
    connect,
    join,
    joinHost,
    joinGuest,
    hostConnection,
    close: () => registry.close(),
  };
}

export const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
