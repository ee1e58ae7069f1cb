import type { z } from 'zod';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import type { Executor } from '../accounts/accounts-repo.js';
import type { Actor } from '../accounts/auth-service.js';
import type { AuditEvent, AuditService } from '../audit/audit-service.js';
import type { InvitationMailer, MeetingChange } from '../invitations/invitations-mail.js';
import type { InvitationsRepo } from '../invitations/invitations-repo.js';
import type { MeetingAggregate } from './aggregate-fns.js';
import type { MeetingsAccess } from './meetings-access.js';
import { MAX_SCHEDULES } from './meetings-fns.js';
import type { MeetingsRepo } from './meetings-repo.js';
import type { moveOccurrenceSchema, splitSeriesSchema } from './meetings-schemas.js';
import type { OccurrenceRecord, OccurrencesRepo } from './occurrences-repo.js';
import type { SchedulesRepo } from './schedules-repo.js';
import { splitSeries, toRRule, wallTimeToInstant } from './recurrence-fns.js';
import { exceptionsOf, expandSchedule, planRekey, seriesOf, wallShiftMs } from './schedule-fns.js';

export interface SeriesServiceDeps {
  meetings: Pick<MeetingsRepo, 'refreshSpan'>;
  schedules: Pick<SchedulesRepo, 'bumpSequence' | 'update' | 'insert'>;
  occurrences: Pick<OccurrencesRepo, 'update' | 'insertMany' | 'deleteMany'>;
  invitations: Pick<InvitationsRepo, 'forMeeting'>;
  access: MeetingsAccess;
  mailer: Pick<InvitationMailer, 'send'>;
  audit: Pick<AuditService, 'record'>;
  now: () => Date;
}

const minutesOf = (o: { start: Date; end: Date }) =>
  Math.round((o.end.getTime() - o.start.getTime()) / 60_000);

/**
 * Single dates of a series: cancel, restore, move one occurrence, and "this and following". Every change raises
 * the SEQUENCE of the calendar entry it touches and sends invitees the matching update or cancellation.
 */
export function createSeriesService(deps: SeriesServiceDeps) {
  /** Runs `fn` on an occurrence of a series that has not started yet; mails and audits what it returns. */
  async function changeOccurrence(
    actor: Actor,
    id: string,
    occurrenceId: string,
    fn: (
      trx: Executor,
      aggregate: MeetingAggregate,
      occurrence: OccurrenceRecord,
    ) => Promise<{ change: (fresh: MeetingAggregate) => MeetingChange; audit: AuditEvent }>,
  ): Promise<MeetingAggregate> {
    await deps.access.change(actor, id, async (trx, aggregate) => {
      const occurrence = aggregate.occurrences.find((o) => o.id === occurrenceId);
      if (aggregate.meeting.kind !== 'series' || !occurrence) {
        throw notFound('occurrence');
      }
      if (occurrence.start <= deps.now()) {
        throw conflict('occurrence_started', 'This date has already begun or is over.');
      }
      const result = await fn(trx, aggregate, occurrence);
      await deps.meetings.refreshSpan(id, trx);
      const fresh = await deps.access.forActor(actor, id, trx);
      const invitees = await deps.invitations.forMeeting(id, { status: 'active' }, trx);
      await deps.mailer.send(trx, fresh, invitees, result.change(fresh));
      await deps.audit.record(trx, { userId: actor.userId, role: actor.role }, result.audit);
    });
    return deps.access.forActor(actor, id);
  }

  const event = (
    aggregate: MeetingAggregate,
    action: AuditEvent['action'],
    details: Record<string, unknown>,
  ) => ({
    action,
    organisationId: aggregate.meeting.organisation.id,
    target: { type: 'meeting' as const, id: aggregate.meeting.id },
    details,
  });
  const find = (fresh: MeetingAggregate, id: string): OccurrenceRecord => {
    const found = fresh.occurrences.find((o) => o.id === id);
    if (!found) {
      throw notFound('occurrence');
    }
    return found;
  };

  return {
    async occurrences(
      actor: Actor,
      id: string,
      range: { from?: string | undefined; to?: string | undefined },
    ) {
      const aggregate = await deps.access.forActor(actor, id);
      const from = range.from ? new Date(range.from) : new Date(0);
      const to = range.to ? new Date(range.to) : new Date('9999-12-31T00:00:00Z');
      return aggregate.occurrences.filter((o) => o.end > from && o.start < to);
    },

    cancelOccurrence: (actor: Actor, id: string, occurrenceId: string) =>
      changeOccurrence(actor, id, occurrenceId, async (trx, aggregate, occurrence) => {
        if (occurrence.status === 'cancelled') {
          throw conflict('occurrence_already_cancelled', 'This date is already cancelled.');
        }
        await deps.occurrences.update(
          occurrence.id,
          occurrence.scheduleId,
          { ...occurrence, status: 'cancelled' },
          trx,
        );
        await deps.schedules.bumpSequence(aggregate.meeting.id, [occurrence.scheduleId], trx);
        return {
          change: (fresh) => ({ kind: 'occurrence_cancelled', occurrence: find(fresh, occurrence.id) }),
          audit: event(aggregate, 'occurrence.cancelled', { occurrenceId }),
        };
      }),

    /** Undoes a cancellation or a move: the date returns to what the rule says. */
    restoreOccurrence: (actor: Actor, id: string, occurrenceId: string) =>
      changeOccurrence(actor, id, occurrenceId, async (trx, aggregate, occurrence) => {
        const schedule = aggregate.schedules.find((s) => s.id === occurrence.scheduleId);
        if (!schedule || occurrence.status === 'scheduled') {
          throw conflict('occurrence_not_changed', 'This date is as the rule says.');
        }
        const start = wallTimeToInstant(occurrence.occurrenceKey, aggregate.meeting.timeZone);
        const end = new Date(start.getTime() + schedule.durationMinutes * 60_000);
        await deps.occurrences.update(
          occurrence.id,
          schedule.id,
          { ...occurrence, start, end, status: 'scheduled' },
          trx,
        );
        await deps.schedules.bumpSequence(aggregate.meeting.id, [schedule.id], trx);
        return {
          change: () => ({ kind: 'updated', scheduleIds: [schedule.id] }),
          audit: event(aggregate, 'occurrence.restored', { occurrenceId }),
        };
      }),

    moveOccurrence: (
      actor: Actor,
      id: string,
      occurrenceId: string,
      input: z.infer<typeof moveOccurrenceSchema>,
    ) =>
      changeOccurrence(actor, id, occurrenceId, async (trx, aggregate, occurrence) => {
        if (occurrence.status === 'cancelled') {
          throw conflict('occurrence_cancelled', 'A cancelled date cannot be moved; restore it first.');
        }
        const start = wallTimeToInstant(input.start, aggregate.meeting.timeZone);
        const end = new Date(start.getTime() + (input.durationMinutes ?? minutesOf(occurrence)) * 60_000);
        if (start <= deps.now()) {
          throw badRequest('start_in_past', 'A date can only be moved into the future.');
        }
        const from = { start: occurrence.start, end: occurrence.end };
        await deps.occurrences.update(
          occurrence.id,
          occurrence.scheduleId,
          { ...occurrence, start, end, status: 'moved' },
          trx,
        );
        await deps.schedules.bumpSequence(aggregate.meeting.id, [occurrence.scheduleId], trx);
        return {
          change: (fresh) => ({ kind: 'occurrence_moved', occurrence: find(fresh, occurrence.id), from }),
          audit: event(aggregate, 'occurrence.moved', { occurrenceId }),
        };
      }),

    /**
     * "This and following": the rule ends before this occurrence and a new one starts there (or, at the first
     * occurrence, the rule itself changes). Occurrences that continue keep their id; exceptions move along.
     */
    thisAndFollowing: (
      actor: Actor,
      id: string,
      occurrenceId: string,
      input: z.infer<typeof splitSeriesSchema>,
    ) =>
      changeOccurrence(actor, id, occurrenceId, async (trx, aggregate, occurrence) => {
        const { meeting } = aggregate;
        const schedule = aggregate.schedules.find((s) => s.id === occurrence.scheduleId);
        if (!schedule?.rrule) {
          throw notFound('occurrence');
        }
        const own = aggregate.occurrences.filter((o) => o.scheduleId === schedule.id);
        const key = occurrence.occurrenceKey;
        const firstStart = input.firstStart ?? key;
        const split = splitSeries(seriesOf(schedule, meeting.timeZone, exceptionsOf(own)), key, {
          ...(input.recurrence ? { rrule: toRRule(input.recurrence, firstStart, meeting.timeZone) } : {}),
          firstStart,
          ...(input.durationMinutes !== undefined ? { durationMinutes: input.durationMinutes } : {}),
        });
        const earlier = own.filter((o) => o.occurrenceKey < key).map((o) => o.occurrenceKey);
        if (
          earlier.some((k) => k >= firstStart) ||
          wallTimeToInstant(firstStart, meeting.timeZone) <= deps.now()
        ) {
          throw badRequest(
            'series_overlap',
            'The new dates must start after the earlier ones and in the future.',
          );
        }
        if (split.before && aggregate.schedules.length >= MAX_SCHEDULES) {
          throw conflict(
            'too_many_changes',
            'This series has been changed too often; please set up a new one.',
          );
        }
        const spec = { rrule: split.after.rrule, firstStart, durationMinutes: split.after.durationMinutes };
        const next = expandSchedule(spec, meeting.timeZone, split.after.exceptions);
        const plan = planRekey(
          own.filter((o) => o.occurrenceKey >= key),
          next,
          wallShiftMs(key, firstStart),
        );
        let target = schedule.id;
        if (split.before) {
          await deps.schedules.update(schedule.id, { rrule: split.before.rrule }, trx);
          target = (await deps.schedules.insert({ meetingId: meeting.id, ...spec }, deps.now(), trx)).id;
        } else {
          await deps.schedules.update(schedule.id, spec, trx);
        }
        await deps.schedules.bumpSequence(meeting.id, [schedule.id], trx);
        await deps.occurrences.deleteMany(plan.delete, trx);
        for (const row of plan.update) {
          await deps.occurrences.update(row.id, target, row, trx);
        }
        await deps.occurrences.insertMany(meeting.id, target, plan.insert, trx);
        return {
          change: () => ({ kind: 'updated', scheduleIds: [...new Set([schedule.id, target])] }),
          audit: event(aggregate, 'series.split', {
            occurrenceId,
            newRule: split.before !== null,
            droppedExceptions: split.droppedExceptions.length,
          }),
        };
      }),
  };
}

export type SeriesService = ReturnType<typeof createSeriesService>;
