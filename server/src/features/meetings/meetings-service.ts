import type { Database } from '../../db/database.js';
import { badRequest, forbidden, notFound } from '../../http/errors.js';
import type { Executor, UsersRepo } from '../accounts/accounts-repo.js';
import type { Actor } from '../accounts/auth-service.js';
import type { AuditService } from '../audit/audit-service.js';
import type { InvitationMailer } from '../invitations/invitations-mail.js';
import type { InvitationsRepo } from '../invitations/invitations-repo.js';
import type { OrganisationsRepo } from '../organisations/organisations-repo.js';
import { canSeeOrganisation } from '../organisations/organisations-service.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { MeetingAggregate } from './aggregate-fns.js';
import { generateMeetingId, generatePasscode, generatePin } from './ids-fns.js';
import type { MeetingsAccess } from './meetings-access.js';
import { defaultMeetingSettings, phonePinChange } from './meetings-fns.js';
import type { MeetingPatch, MeetingsRepo } from './meetings-repo.js';
import type { CreateMeetingInput, CreateSeriesInput, UpdateMeetingInput } from './meetings-schemas.js';
import type { OccurrencesRepo } from './occurrences-repo.js';
import type { SchedulesRepo } from './schedules-repo.js';
import { toRRule } from './recurrence-fns.js';
import { expandSchedule, type ScheduleSpec } from './schedule-fns.js';

export interface MeetingsServiceDeps {
  db: Database;
  meetings: MeetingsRepo;
  schedules: Pick<SchedulesRepo, 'insert' | 'update' | 'bumpSequence'>;
  occurrences: Pick<OccurrencesRepo, 'insertMany' | 'update'>;
  invitations: Pick<InvitationsRepo, 'forMeeting' | 'pins'>;
  users: Pick<UsersRepo, 'findById' | 'membershipsOf'>;
  organisations: Pick<OrganisationsRepo, 'findById'>;
  access: MeetingsAccess;
  mailer: Pick<InvitationMailer, 'send'>;
  audit: Pick<AuditService, 'record'>;
  settings: Pick<SettingsService, 'get'>;
  now: () => Date;
}

/** A meeting with the instance's dial-in numbers, as the API presents it. */
export interface MeetingView {
  aggregate: MeetingAggregate;
  dialInNumbers: Array<{ label: string; number: string }>;
}

type CreateInput = Omit<CreateMeetingInput, 'start'> & { kind: 'single' | 'series'; schedule: ScheduleSpec };

/** Fields of a meeting that its invitations show: changing one sends invitees an update. */
const visibleFields = ['title', 'description', 'start', 'durationMinutes', 'timeZone'] as const;

/** Creating, changing and cancelling meetings and series; dates of series occurrences: series-service.ts. */
export function createMeetingsService(deps: MeetingsServiceDeps) {
  const actorOf = (actor: Actor) => ({ userId: actor.userId, role: actor.role });

  /** A host or co-host must be an active account of the organisation (platform admins of any). */
  async function eligible(organisationId: string, userId: string, trx: Executor): Promise<boolean> {
    const user = await deps.users.findById(userId, trx);
    if (!user || user.status === 'deactivated') {
      return false;
    }
    if (user.role === 'platform_admin') {
      return true;
    }
    const memberships = (await deps.users.membershipsOf([userId], trx)).get(userId) ?? [];
    return memberships.some((m) => m.id === organisationId && m.status === 'active');
  }

  async function checkPeople(organisationId: string, hostId: string, coHostIds: string[], trx: Executor) {
    if (!(await eligible(organisationId, hostId, trx))) {
      throw badRequest('invalid_host', 'The host must be an active account of the organisation.');
    }
    for (const id of coHostIds) {
      if (!(await eligible(organisationId, id, trx))) {
        throw badRequest('invalid_cohost', 'Every co-host must be an active account of the organisation.');
      }
    }
  }

  async function view(aggregate: MeetingAggregate): Promise<MeetingView> {
    return { aggregate, dialInNumbers: (await deps.settings.get()).dialInNumbers };
  }

  async function freeNumber(trx: Executor): Promise<string> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const number = generateMeetingId();
      if (!(await deps.meetings.numberTaken(number, trx))) {
        return number;
      }
    }
    throw new Error('no free meeting ID found');
  }

  async function create(actor: Actor, input: CreateInput): Promise<MeetingView> {
    const hostId = input.hostUserId ?? actor.userId;
    if (hostId !== actor.userId && actor.role !== 'platform_admin') {
      throw forbidden('Only platform admins set up meetings for someone else.');
    }
    const organisation = canSeeOrganisation(actor, input.organisationId)
      ? await deps.organisations.findById(input.organisationId)
      : undefined;
    if (!organisation || organisation.status !== 'active') {
      throw notFound('organisation');
    }
    const occurrences = expandSchedule(input.schedule, input.timeZone);
    if (!occurrences.some((o) => o.end > deps.now())) {
      throw badRequest('start_in_past', 'The meeting would be over before it is created.');
    }
    const coHostIds = input.coHostIds.filter((id) => id !== hostId);
    const settings = { ...defaultMeetingSettings, ...input.settings };
    const id = await deps.db.transaction().execute(async (trx) => {
      await checkPeople(input.organisationId, hostId, coHostIds, trx);
      const now = deps.now();
      const meetingId = await deps.meetings.insert(
        {
          organisationId: input.organisationId,
          hostUserId: hostId,
          createdByUserId: actor.userId,
          kind: input.kind,
          number: await freeNumber(trx),
          title: input.title,
          description: input.description,
          timeZone: input.timeZone,
          passcode: input.passcode === undefined ? generatePasscode() : input.passcode,
          // No invitations yet: any PIN is free.
          phonePin: settings.phonePin ? generatePin(new Set()) : null,
          settings,
          reminderMinutes: input.reminderMinutes,
        },
        now,
        trx,
      );
      const schedule = await deps.schedules.insert({ meetingId, ...input.schedule }, now, trx);
      await deps.occurrences.insertMany(meetingId, schedule.id, occurrences, trx);
      await deps.meetings.refreshSpan(meetingId, trx);
      await deps.meetings.setCohosts(meetingId, coHostIds, trx);
      await deps.audit.record(trx, actorOf(actor), {
        action: 'meeting.created',
        organisationId: input.organisationId,
        target: { type: 'meeting', id: meetingId },
        details: { kind: input.kind, hostUserId: hostId, occurrences: occurrences.length },
      });
      return meetingId;
    });
    return view(await deps.access.forActor(actor, id));
  }

  /** Moves a single meeting: its one schedule and occurrence (same id) get the new date. */
  async function reschedule(
    trx: Executor,
    aggregate: MeetingAggregate,
    input: UpdateMeetingInput,
    zone: string,
  ) {
    const schedule = aggregate.schedules[0];
    const occurrence = aggregate.occurrences[0];
    if (aggregate.meeting.kind !== 'single' || !schedule || !occurrence) {
      throw badRequest('series_dates', 'A series changes its dates through its occurrences.');
    }
    const spec = {
      rrule: null,
      firstStart: input.start ?? schedule.firstStart,
      durationMinutes: input.durationMinutes ?? schedule.durationMinutes,
    };
    const [next] = expandSchedule(spec, zone);
    if (!next || next.end <= deps.now()) {
      throw badRequest('start_in_past', 'The meeting would be over already.');
    }
    await deps.schedules.update(schedule.id, spec, trx);
    await deps.occurrences.update(occurrence.id, schedule.id, next, trx);
    await deps.meetings.refreshSpan(aggregate.meeting.id, trx);
  }

  return {
    view,

    async get(actor: Actor, id: string): Promise<MeetingView> {
      return view(await deps.access.forActor(actor, id));
    },

    createSingle: (actor: Actor, input: CreateMeetingInput) =>
      create(actor, {
        ...input,
        kind: 'single',
        schedule: { rrule: null, firstStart: input.start, durationMinutes: input.durationMinutes },
      }),

    createSeries: (actor: Actor, input: CreateSeriesInput) =>
      create(actor, {
        ...input,
        kind: 'series',
        schedule: {
          rrule: toRRule(input.recurrence, input.firstStart, input.timeZone),
          firstStart: input.firstStart,
          durationMinutes: input.durationMinutes,
        },
      }),

    /** Changes what was given; invitees get an update (higher SEQUENCE) when something they were sent changed. */
    async update(actor: Actor, id: string, input: UpdateMeetingInput): Promise<MeetingView> {
      await deps.access.change(actor, id, async (trx, aggregate) => {
        const { meeting } = aggregate;
        deps.access.ensureNotOver(aggregate);
        if (
          input.hostUserId !== undefined &&
          input.hostUserId !== meeting.host?.id &&
          actor.role !== 'platform_admin'
        ) {
          throw forbidden('Only platform admins hand a meeting to another host.');
        }
        const hostId = input.hostUserId ?? meeting.host?.id ?? actor.userId;
        const coHostIds = (input.coHostIds ?? meeting.coHosts.map((c) => c.id)).filter((c) => c !== hostId);
        await checkPeople(meeting.organisation.id, hostId, coHostIds, trx);
        const settings = { ...meeting.settings, ...input.settings };
        const first = aggregate.schedules[0];
        const current = {
          title: meeting.title,
          description: meeting.description,
          timeZone: meeting.timeZone,
          start: first?.firstStart,
          durationMinutes: first?.durationMinutes,
        };
        // A form that sends every field unchanged must not mail every invitee an "update".
        const changed = visibleFields.filter(
          (field) => input[field] !== undefined && input[field] !== current[field],
        );
        const timeChanged = changed.some(
          (field) => field === 'start' || field === 'durationMinutes' || field === 'timeZone',
        );
        if (timeChanged) {
          await reschedule(trx, aggregate, input, input.timeZone ?? meeting.timeZone);
        }
        const pinChange = phonePinChange(meeting.phonePin, settings.phonePin, input.renewPhonePin === true);
        if (pinChange === 'refused') {
          throw badRequest('phone_pin_off', 'Switch the meeting-wide phone PIN on to renew it.');
        }
        const patch: MeetingPatch = {
          hostUserId: hostId,
          settings,
          // Under the meeting's lock (access.change), so no invitation can take the same PIN meanwhile.
          ...(pinChange === 'new' ? { phonePin: generatePin(await deps.invitations.pins(id, trx)) } : {}),
          ...(pinChange === 'clear' ? { phonePin: null } : {}),
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
          ...(input.passcode !== undefined ? { passcode: input.passcode } : {}),
          ...(input.reminderMinutes !== undefined ? { reminderMinutes: input.reminderMinutes } : {}),
        };
        await deps.meetings.update(id, patch, deps.now(), trx);
        if (input.coHostIds !== undefined || input.hostUserId !== undefined) {
          await deps.meetings.setCohosts(id, coHostIds, trx);
        }
        const phoneChanged =
          settings.dialIn !== meeting.settings.dialIn || settings.e2ee !== meeting.settings.e2ee;
        const visible = phoneChanged || changed.length > 0;
        if (visible) {
          await deps.schedules.bumpSequence(id, undefined, trx);
          const fresh = await deps.access.forActor(actor, id, trx);
          const invitees = await deps.invitations.forMeeting(id, { status: 'active' }, trx);
          await deps.mailer.send(trx, fresh, invitees, { kind: 'updated' });
        }
        await deps.audit.record(trx, actorOf(actor), {
          action: 'meeting.updated',
          organisationId: meeting.organisation.id,
          target: { type: 'meeting', id },
          details: { fields: Object.keys(input), invitationsUpdated: visible },
        });
      });
      return view(await deps.access.forActor(actor, id));
    },

    /** Cancels a meeting or a whole series: every invitee gets a cancellation (METHOD:CANCEL). */
    async cancel(actor: Actor, id: string): Promise<MeetingView> {
      await deps.access.change(actor, id, async (trx, aggregate) => {
        deps.access.ensureNotOver(aggregate);
        const now = deps.now();
        await deps.schedules.bumpSequence(id, undefined, trx);
        await deps.meetings.update(id, { status: 'cancelled', cancelledAt: now }, now, trx);
        const fresh = await deps.access.forActor(actor, id, trx);
        const invitees = await deps.invitations.forMeeting(id, { status: 'active' }, trx);
        await deps.mailer.send(trx, fresh, invitees, { kind: 'cancelled' });
        await deps.audit.record(trx, actorOf(actor), {
          action: 'meeting.cancelled',
          organisationId: aggregate.meeting.organisation.id,
          target: { type: 'meeting', id },
          details: { invitations: invitees.length },
        });
      });
      return view(await deps.access.forActor(actor, id));
    },
  };
}

export type MeetingsService = ReturnType<typeof createMeetingsService>;
