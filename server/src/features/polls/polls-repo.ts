import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { PollsTable } from '../../db/schema.js';
import type { Executor } from '../accounts/accounts-repo.js';
import type { PollRecord, VoteRecord } from './polls-fns.js';

const toPoll = (row: Selectable<PollsTable>): PollRecord => ({
  id: row.id,
  occurrenceId: row.occurrence_id,
  question: row.question,
  options: JSON.parse(row.options) as string[],
  multiple: row.multiple,
  anonymous: row.anonymous,
  status: row.status,
  resultsShared: row.results_shared,
  createdAt: row.created_at,
});

export type VoteOutcome = 'stored' | 'closed' | 'not_found' | 'already_voted' | 'not_voted';

export function createPollsRepo(db: Database) {
  return {
    async create(
      input: Pick<PollRecord, 'occurrenceId' | 'question' | 'options' | 'multiple' | 'anonymous'> & {
        createdByKey: string;
      },
      now: Date,
    ): Promise<PollRecord> {
      const row = await db
        .insertInto('polls')
        .values({
          occurrence_id: input.occurrenceId,
          question: input.question,
          options: JSON.stringify(input.options),
          multiple: input.multiple,
          anonymous: input.anonymous,
          status: 'draft',
          created_by_key: input.createdByKey,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPoll(row);
    },

    /** Takes back a poll that was never launched; a launched one stays with the meeting's record. */
    async deleteDraft(occurrenceId: string, pollId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('polls')
        .where('occurrence_id', '=', occurrenceId)
        .where('id', '=', pollId)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    async forOccurrence(occurrenceId: string, trx: Executor = db): Promise<PollRecord[]> {
      const rows = await trx
        .selectFrom('polls')
        .selectAll()
        .where('occurrence_id', '=', occurrenceId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toPoll);
    },

    async find(occurrenceId: string, pollId: string, trx: Executor = db): Promise<PollRecord | undefined> {
      const row = await trx
        .selectFrom('polls')
        .selectAll()
        .where('occurrence_id', '=', occurrenceId)
        .where('id', '=', pollId)
        .executeTakeFirst();
      return row && toPoll(row);
    },

    async count(occurrenceId: string): Promise<number> {
      const row = await db
        .selectFrom('polls')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('occurrence_id', '=', occurrenceId)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    /** Moves a poll on (draft → open → closed) or shares its results; in a transaction with the poll locked. */
    async update(
      occurrenceId: string,
      pollId: string,
      change: { status?: 'open' | 'closed'; resultsShared?: true },
      now: Date,
    ): Promise<PollRecord | undefined> {
      const row = await db
        .updateTable('polls')
        .set({
          ...(change.status ? { status: change.status } : {}),
          ...(change.status === 'open' ? { opened_at: now } : {}),
          ...(change.status === 'closed' ? { closed_at: now } : {}),
          ...(change.resultsShared ? { results_shared: true } : {}),
        })
        .where('occurrence_id', '=', occurrenceId)
        .where('id', '=', pollId)
        .returningAll()
        .executeTakeFirst();
      return row && toPoll(row);
    },

    /**
     * Stores a vote while the poll is open (the poll row locked, so a vote never slips past its closing):
     * a first vote, or with `change` a replacement of the voter's earlier one.
     */
    async vote(pollId: string, vote: VoteRecord & { change: boolean }, now: Date): Promise<VoteOutcome> {
      return db.transaction().execute(async (trx) => {
        const poll = await trx
          .selectFrom('polls')
          .select('status')
          .where('id', '=', pollId)
          .forUpdate()
          .executeTakeFirst();
        if (!poll || poll.status === 'draft') {
          return 'not_found';
        }
        if (poll.status !== 'open') {
          return 'closed';
        }
        const values = {
          voter_name: vote.voterName,
          choices: JSON.stringify(vote.choices),
          voted_at: now,
        };
        if (vote.change) {
          const result = await trx
            .updateTable('poll_votes')
            .set(values)
            .where('poll_id', '=', pollId)
            .where('voter_key', '=', vote.voterKey)
            .executeTakeFirst();
          return Number(result.numUpdatedRows) > 0 ? 'stored' : 'not_voted';
        }
        const inserted = await trx
          .insertInto('poll_votes')
          .values({ poll_id: pollId, voter_key: vote.voterKey, ...values })
          .onConflict((oc) => oc.columns(['poll_id', 'voter_key']).doNothing())
          .returning('poll_id')
          .executeTakeFirst();
        return inserted ? 'stored' : 'already_voted';
      });
    },

    async votes(pollId: string, trx: Executor = db): Promise<VoteRecord[]> {
      const rows = await trx
        .selectFrom('poll_votes')
        .select(['voter_key', 'voter_name', 'choices'])
        .where('poll_id', '=', pollId)
        .orderBy('voted_at')
        .orderBy('voter_key')
        .execute();
      return rows.map((row) => ({
        voterKey: row.voter_key,
        voterName: row.voter_name,
        choices: JSON.parse(row.choices) as number[],
      }));
    },
  };
}

export type PollsRepo = ReturnType<typeof createPollsRepo>;
