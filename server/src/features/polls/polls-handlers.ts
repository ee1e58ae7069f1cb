import type { RoomRegistry } from '../rooms/room-service.js';
import type { HandlerTable } from '../signalling/signalling-types.js';
import type { LivePolls } from './polls-service.js';

/** Signalling for polls: find the connection's seat, call the polls service, answer. */
export function pollsHandlers(deps: { registry: RoomRegistry; polls: LivePolls }): HandlerTable {
  const { registry, polls } = deps;
  return {
    'poll.create': async (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      const { question, options, multiple, anonymous } = message;
      await polls.create(room, participantId, { question, options, multiple, anonymous });
    },
    'poll.launch': async (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      await polls.launch(room, participantId, message.pollId);
    },
    'poll.close': async (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      await polls.close(room, participantId, message.pollId);
    },
    'poll.share': async (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      await polls.share(room, participantId, message.pollId);
    },
    'poll.vote': async (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      const choices = await polls.vote(room, participantId, message);
      context.send({ type: 'poll.voted', id: message.id, pollId: message.pollId, choices });
    },
    'poll.fetch': async (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      context.send({ type: 'poll.list', id: message.id, polls: await polls.list(room, participantId) });
    },
  };
}
