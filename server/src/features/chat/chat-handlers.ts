import type { HandlerTable } from '../signalling/signalling-types.js';
import type { RoomRegistry } from '../rooms/room-service.js';
import type { LiveChat } from './chat-service.js';

/** Signalling for the in-meeting chat: find the connection's seat, call the chat service, answer. */
export function chatHandlers(deps: { registry: RoomRegistry; chat: LiveChat }): HandlerTable {
  const { registry, chat } = deps;
  return {
    'chat.send': async (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      const stored = await chat.send(room, participantId, message);
      context.send({
        type: 'chat.sent',
        id: message.id,
        clientId: stored.clientId,
        seq: stored.seq,
        messageId: stored.id,
      });
    },
    'chat.fetch': async (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      const page = await chat.history(room, participantId, message.afterSeq);
      context.send({ type: 'chat.history', id: message.id, ...page });
    },
    'chat.delete': async (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      await chat.remove(room, participantId, message.messageId);
    },
    'chat.setEnabled': (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      chat.setEnabled(room, participantId, message.enabled);
    },
  };
}
