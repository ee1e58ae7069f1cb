import type { Database } from '../../db/database.js';
import { conflict, notFound } from '../../http/errors.js';
import type { Executor } from '../accounts/accounts-repo.js';
import type { Actor } from '../accounts/auth-service.js';
import { canSeeOrganisation } from '../organisations/organisations-service.js';
import type { MeetingAggregate } from './aggregate-fns.js';
import type { MeetingsRepo } from './meetings-repo.js';
import type { OccurrencesRepo } from './occurrences-repo.js';
import type { SchedulesRepo } from './schedules-repo.js';

export interface MeetingsAccessDeps {
  db: Database;
  meetings: MeetingsRepo;
  schedules: Pick<SchedulesRepo, 'forMeeting'>;
  occurrences: Pick<OccurrencesRepo, 'forMeeting'>;
  now: () => Date;
}

/**
 * Loading meetings for a user. Platform admins may manage every meeting; hosts those of their (active)
 * organisations, so that hosts of one group can stand in for each other. Any other meeting is "not found".
 */
export function createMeetingsAccess(deps: MeetingsAccessDeps) {
  async function load(id: string, trx: Executor = deps.db): Promise<MeetingAggregate | undefined> {
    const meeting = await deps.meetings.findById(id, trx);
    if (!meeting) {
      return undefined;
    }
    const schedules = await deps.schedules.forMeeting(id, trx);
    const occurrences = await deps.occurrences.forMeeting(id, trx);
    return { meeting, schedules, occurrences };
  }

  async function forActor(actor: Actor, id: string, trx: Executor = deps.db): Promise<MeetingAggregate> {
    const aggregate = await load(id, trx);
    if (!aggregate || !canSeeOrganisation(actor, aggregate.meeting.organisation.id)) {
      throw notFound('meeting');
    }
    return aggregate;
  }

  return {
    load,
    forActor,

    /**
     * Runs a change of one meeting in a transaction, the meeting row locked so that changes (sequence numbers,
     * PINs) never interleave. `fn` gets the meeting as the actor may see it; cancelled meetings refuse changes.
     */
    async change<T>(
      actor: Actor,
      id: string,
      fn: (trx: Executor, aggregate: MeetingAggregate) => Promise<T>,
    ): Promise<T> {
      return deps.db.transaction().execute(async (trx) => {
        await deps.meetings.lock(id, trx);
        const aggregate = await forActor(actor, id, trx);
        if (aggregate.meeting.status === 'cancelled') {
          throw conflict('meeting_cancelled', 'The meeting has been cancelled.');
        }
        return fn(trx, aggregate);
      });
    },

    /** Throws unless some occurrence of the meeting has not ended yet. */
    ensureNotOver(aggregate: MeetingAggregate): void {
      if (aggregate.meeting.lastEndAt <= deps.now()) {
        throw conflict('meeting_over', 'The meeting is over.');
      }
    },
  };
}

export type MeetingsAccess = ReturnType<typeof createMeetingsAccess>;
