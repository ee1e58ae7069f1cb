import type { Database } from '../../db/database.js';
import { describeError, type Logger } from '../../lib/logger.js';
import type { RoomMediaPlane } from '../../media/rooms/room-ports.js';
import { chatHandlers } from '../chat/chat-handlers.js';
import { createChatRepo } from '../chat/chat-repo.js';
import { createLiveChat } from '../chat/chat-service.js';
import { pollsHandlers } from '../polls/polls-handlers.js';
import { createPollsRepo } from '../polls/polls-repo.js';
import type { PollDraftEvents } from '../polls/poll-draft-events.js';
import { createLivePolls } from '../polls/polls-service.js';
import type { HandlerTable } from '../signalling/signalling-types.js';
import { createRoomMemoryRepo } from './room-memory.js';
import { createRoomRegistry, type RoomRegistry } from './room-service.js';
import { roomsHandlers } from './rooms-handlers.js';
import type { RoomEntryResolver, RoomPolicy } from './rooms-types.js';

/** A room's memory that has not changed for this long belongs to a meeting that is over (docs/privacy/retention.md). */
const MEMORY_RETENTION_MS = 24 * 60 * 60 * 1000;
const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

export interface RoomsModule {
  registry: RoomRegistry;
  handlers: HandlerTable;
  /** Ends every meeting with `server_shutdown` (their memory stays for the next start). Idempotent. */
  close(): Promise<void>;
}

/** Live rooms with their memory in the database, and the hourly deletion of memories left by crashes. */
export function startRooms(deps: {
  db: Database;
  resolver: RoomEntryResolver;
  mediaPlane: RoomMediaPlane;
  logger: Logger;
  policy?: Partial<RoomPolicy>;
  /** Poll drafts prepared on the meeting page; shown to a live room's hosts at once. */
  pollDrafts?: PollDraftEvents;
}): RoomsModule {
  const memory = createRoomMemoryRepo(deps.db);
  const registry = createRoomRegistry({ ...deps, memory });
  const cleanUp = () => {
    memory.deleteUnchangedSince(new Date(Date.now() - MEMORY_RETENTION_MS)).catch((error: unknown) => {
      deps.logger.warn({ err: describeError(error) }, 'live room memory clean-up failed');
    });
  };
  cleanUp();
  const polls = createLivePolls({ repo: createPollsRepo(deps.db), logger: deps.logger });
  deps.pollDrafts?.on('changed', async (occurrenceId, pollId) => {
    const room = registry.liveRoom(occurrenceId);
    if (room) {
      await polls.draftChanged(room, pollId);
    }
  });
  const timer = setInterval(cleanUp, CLEANUP_INTERVAL_MS);
  timer.unref();
  return {
    registry,
    handlers: {
      ...roomsHandlers({ registry }),
      ...chatHandlers({
        registry,
        chat: createLiveChat({ repo: createChatRepo(deps.db), logger: deps.logger }),
      }),
      ...pollsHandlers({
        registry,
        polls,
      }),
    },
    close: () => {
      clearInterval(timer);
      return registry.close();
    },
  };
}
