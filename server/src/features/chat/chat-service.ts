import { CHAT_HISTORY_PAGE, type ChatAudience, type ServerMessage } from '@treffpunkt/protocol';
import { AppError, forbidden, notFound } from '../../http/errors.js';
import type { Logger } from '../../lib/logger.js';
import { TokenBucket } from '../../lib/token-bucket.js';
import type { LiveRoom } from '../rooms/live-room.js';
import { admittedSender, moderatorSender } from '../rooms/room-guards.js';
import { admittedOf, isModerator, type Participant } from '../rooms/room-fns.js';
import type { ChatMessageRecord, ChatRepo } from './chat-repo.js';
import { chatMessageView, mayRead } from './chat-view-fns.js';
import { KeyedQueue } from './keyed-queue.js';

export interface ChatPolicy {
  /** Messages per participant: a burst, then this many per second. */
  burst: number;
  perSecond: number;
}

export const defaultChatPolicy: ChatPolicy = { burst: 8, perSecond: 1 };

export interface LiveChatDeps {
  repo: ChatRepo;
  logger: Logger;
  policy?: Partial<ChatPolicy>;
  now?: () => number;
}

const chatOff = () => forbidden('The hosts have switched the chat off.');

/** Another node numbered a message of the same occurrence at the same moment: number it again. */
const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/**
 * The chat of live rooms. A message is stored (and numbered) before it is acknowledged and sent on; sends
 * of one occurrence are serialised, so everyone receives them in `seq` order. Waiting people neither send nor
 * receive anything; hosts-only messages reach hosts, co-hosts and their sender. Chat text is never logged.
 */
export function createLiveChat(deps: LiveChatDeps) {
  const policy = { ...defaultChatPolicy, ...deps.policy };
  const now = deps.now ?? Date.now;
  const log = deps.logger.child({ component: 'chat' });
  const buckets = new WeakMap<LiveRoom, Map<string, TokenBucket>>();
  const queue = new KeyedQueue();

  const admitted = (room: LiveRoom, participantId: string) =>
    admittedSender(room, participantId, 'The chat opens once you have been let in.');
  const moderator = (room: LiveRoom, participantId: string) =>
    moderatorSender(room, participantId, 'The chat opens once you have been let in.');

  function takeToken(room: LiveRoom, participantId: string): void {
    let perRoom = buckets.get(room);
    if (!perRoom) {
      perRoom = new Map();
      buckets.set(room, perRoom);
    }
    let bucket = perRoom.get(participantId);
    if (!bucket) {
      bucket = new TokenBucket(policy.burst, policy.perSecond, now);
      perRoom.set(participantId, bucket);
    }
    if (!bucket.tryTake()) {
      throw new AppError('rate_limited', 429, 'You are writing very fast. Please wait a moment.');
    }
  }

  /** To every admitted participant who may read it, in the order messages were stored. */
  function deliver(room: LiveRoom, record: ChatMessageRecord, message: ServerMessage): void {
    for (const participant of admittedOf(room.state)) {
      if (mayRead(record, { identityKey: participant.identityKey, isHost: isModerator(participant) })) {
        room.sendTo(participant.participantId, message);
      }
    }
  }

  async function store(room: LiveRoom, sender: Participant, input: SendInput) {
    const message = {
      occurrenceId: room.meetingKey,
      senderKey: sender.identityKey,
      senderName: sender.displayName,
      senderRole: sender.role,
      audience: input.audience,
      clientId: input.clientId,
      text: input.text,
    };
    try {
      return await deps.repo.insertOnce(message, new Date(now()));
    } catch (error) {
      if (!isUniqueViolation(error)) {
        throw error;
      }
      return deps.repo.insertOnce(message, new Date(now()));
    }
  }

  return {
    /**
     * Stores and sends on a message; resolves with its stored form once it is committed (the caller then
     * acknowledges). A resend of a stored client id resolves with the stored message and sends nothing on.
     */
    async send(room: LiveRoom, participantId: string, input: SendInput): Promise<ChatMessageRecord> {
      const sender = admitted(room, participantId);
      if (!room.state.settings.chatEnabled && !isModerator(sender)) {
        throw chatOff();
      }
      takeToken(room, participantId);
      return queue.run(room.meetingKey, async () => {
        const { message, created } = await store(room, sender, input);
        if (created) {
          log.debug(
            { participant: participantId, seq: message.seq, audience: message.audience },
            'chat sent',
          );
          if (!room.closed) {
            deliver(room, message, { type: 'chat.message', message: chatMessageView(message) });
          }
        }
        return message;
      });
    },

    /** One page of what the participant may read after `afterSeq` (every message when undefined). */
    async history(room: LiveRoom, participantId: string, afterSeq = 0) {
      const reader = admitted(room, participantId);
      const records = await deps.repo.after(
        room.meetingKey,
        afterSeq,
        { senderKey: reader.identityKey, isHost: isModerator(reader) },
        CHAT_HISTORY_PAGE + 1,
      );
      return {
        messages: records.slice(0, CHAT_HISTORY_PAGE).map(chatMessageView),
        more: records.length > CHAT_HISTORY_PAGE,
        // Those who entered as hosts (logged-in hosts of the organisation, admins) may download the chat.
        ...(reader.role === 'host' ? { exportId: room.meetingKey } : {}),
      };
    },

    /** Hosts and co-hosts: deletes a message's text and takes it off every screen. */
    async remove(room: LiveRoom, participantId: string, messageId: string): Promise<void> {
      moderator(room, participantId);
      const record = await deps.repo.findById(room.meetingKey, messageId);
      if (!record) {
        throw notFound('message');
      }
      if (await deps.repo.markDeleted(room.meetingKey, messageId, new Date(now()))) {
        log.info({ participant: participantId, seq: record.seq }, 'chat message deleted by a host');
        deliver(room, record, { type: 'chat.deleted', messageId });
      }
    },

    /** Hosts and co-hosts: chat on or off for participants; everyone hears it through `room.settings`. */
    setEnabled(room: LiveRoom, participantId: string, enabled: boolean): void {
      moderator(room, participantId);
      room.apply((state) => ({ ...state, settings: { ...state.settings, chatEnabled: enabled } }));
    },
  };
}

export interface SendInput {
  clientId: string;
  text: string;
  audience: ChatAudience;
}

export type LiveChat = ReturnType<typeof createLiveChat>;
