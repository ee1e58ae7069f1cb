import type { Database } from '../../db/database.js';
import { parseInput } from '../../http/validate.js';
import type { AuthHttp, RouteRegistrar } from '../accounts/auth-http.js';
import type { MeetingsAccess } from '../meetings/meetings-access.js';
import { csvField } from '../chat/chat-export-fns.js';
import { occurrenceForActor, occurrenceParamsSchema } from '../chat/chat-export.js';
import { tally, type PollRecord, type VoteRecord } from './polls-fns.js';
import { createPollsRepo } from './polls-repo.js';

/**
 * One row per poll option: poll number, question, status, kind, option, votes, people who voted; named polls
 * also list who chose the option. Cells are neutralised like the chat's CSV.
 */
export function pollsToCsv(polls: ReadonlyArray<{ poll: PollRecord; votes: VoteRecord[] }>): string {
  const header = ['poll', 'question', 'status', 'kind', 'option', 'votes', 'voters', 'names'];
  const rows = polls.flatMap(({ poll, votes }, index) => {
    const { counts, voters } = tally(poll.options.length, votes);
    return poll.options.map((option, choice) =>
      [
        index + 1,
        poll.question,
        poll.status,
        `${poll.multiple ? 'multiple' : 'single'} ${poll.anonymous ? 'anonymous' : 'named'}`,
        option,
        counts[choice] ?? 0,
        voters,
        poll.anonymous
          ? ''
          : votes
              .filter((vote) => vote.choices.includes(choice))
              .map((vote) => vote.voterName ?? '')
              .join('; '),
      ]
        .map(csvField)
        .join(','),
    );
  });
  return `\uFEFF${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

/** `GET /api/occurrences/:occurrenceId/polls.csv` for hosts of the organisation and platform admins. */
export function pollsExportRoute(deps: {
  http: AuthHttp;
  db: Database;
  access: Pick<MeetingsAccess, 'forActor'>;
}): RouteRegistrar {
  const repo = createPollsRepo(deps.db);
  return (app) => {
    app.get('/api/occurrences/:occurrenceId/polls.csv', async (request, reply) => {
      const actor = await deps.http.requireUser(request);
      const { occurrenceId } = parseInput(occurrenceParamsSchema, request.params);
      const { occurrence } = await occurrenceForActor(deps, actor, occurrenceId);
      const polls = await repo.forOccurrence(occurrenceId);
      const withVotes = await Promise.all(
        polls.map(async (poll) => ({ poll, votes: await repo.votes(poll.id) })),
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="umfragen-${occurrence.starts_at.toISOString().slice(0, 10)}.csv"`,
        )
        .header('cache-control', 'no-store')
        .send(pollsToCsv(withVotes));
    });
  };
}
