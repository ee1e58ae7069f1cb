import { pollClientMessages, pollId as pollIdSchema } from '@treffpunkt/protocol';
import type { Database } from '../../db/database.js';
import { conflict, notFound } from '../../http/errors.js';
import { parseInput } from '../../http/validate.js';
import type { AuthHttp, RouteRegistrar } from '../accounts/auth-http.js';
import { occurrenceForActor, occurrenceParamsSchema } from '../chat/chat-export.js';
import type { MeetingsAccess } from '../meetings/meetings-access.js';
import type { PollDraftEvents } from './poll-draft-events.js';
import { MAX_POLLS, pollView, tooManyPolls } from './polls-fns.js';
import { createPollsRepo } from './polls-repo.js';

const [pollCreate] = pollClientMessages;
const draftBodySchema = pollCreate.omit({ type: true, id: true });
const pollParamsSchema = occurrenceParamsSchema.extend({ pollId: pollIdSchema });

/**
 * Preparing polls before a meeting, on its page: hosts of the organisation (and admins) list the polls of a
 * date, add drafts and take drafts back. Launching, voting and closing happen in the room (signalling).
 */
export function pollsRoutes(deps: {
  http: AuthHttp;
  db: Database;
  access: Pick<MeetingsAccess, 'forActor'>;
  now: () => Date;
  drafts: PollDraftEvents;
}): RouteRegistrar {
  const repo = createPollsRepo(deps.db);

  /** The occurrence, for someone who may prepare it; an ended one can no longer get new polls. */
  async function openOccurrence(request: Parameters<AuthHttp['requireUser']>[0], occurrenceId: string) {
    const actor = await deps.http.requireUser(request);
    const { occurrence } = await occurrenceForActor(deps, actor, occurrenceId);
    return { actor, occurrence };
  }

  return (app) => {
    app.get('/api/occurrences/:occurrenceId/polls', async (request) => {
      const { occurrenceId } = parseInput(occurrenceParamsSchema, request.params);
      const { actor } = await openOccurrence(request, occurrenceId);
      const polls = await repo.forOccurrence(occurrenceId);
      const reader = { identityKey: `user:${actor.userId}`, isHost: true };
      return {
        items: await Promise.all(
          polls.map(async (poll) => pollView(poll, await repo.votes(poll.id), reader)),
        ),
        max: MAX_POLLS,
      };
    });

    app.post('/api/occurrences/:occurrenceId/polls', async (request, reply) => {
      const { occurrenceId } = parseInput(occurrenceParamsSchema, request.params);
      const body = parseInput(draftBodySchema, request.body);
      const { actor, occurrence } = await openOccurrence(request, occurrenceId);
      if (occurrence.ends_at <= deps.now()) {
        throw conflict('occurrence_over', 'This date is over. Polls can only be prepared for dates to come.');
      }
      if ((await repo.count(occurrenceId)) >= MAX_POLLS) {
        throw tooManyPolls();
      }
      const poll = await repo.create(
        { ...body, occurrenceId, createdByKey: `user:${actor.userId}` },
        deps.now(),
      );
      deps.drafts.changed(occurrenceId, poll.id);
      return reply.status(201).send(pollView(poll, [], { identityKey: '', isHost: true }));
    });

    app.delete('/api/occurrences/:occurrenceId/polls/:pollId', async (request, reply) => {
      const { occurrenceId, pollId } = parseInput(pollParamsSchema, request.params);
      await openOccurrence(request, occurrenceId);
      if (!(await repo.deleteDraft(occurrenceId, pollId))) {
        const exists = await repo.find(occurrenceId, pollId);
        throw exists
          ? conflict('poll_launched', 'This poll has been launched; it stays with the meeting.')
          : notFound('poll');
      }
      deps.drafts.changed(occurrenceId, pollId);
      return reply.status(204).send();
    });
  };
}
