import { badRequest, conflict, notFound } from '../../http/errors.js';
import type { Language } from '../../db/schema.js';
import type { Actor } from '../accounts/auth-service.js';
import type { AuditService } from '../audit/audit-service.js';
import { generatePin } from '../meetings/ids-fns.js';
import type { MeetingsAccess } from '../meetings/meetings-access.js';
import { MAX_INVITATIONS } from '../meetings/meetings-fns.js';
import type { SchedulesRepo } from '../meetings/schedules-repo.js';
import { canSeeOrganisation } from '../organisations/organisations-service.js';
import type { SettingsService } from '../settings/settings-service.js';
import { parseInviteeList, type ParsedInvitee, type ParsedList } from './invitations-fns.js';
import type { InvitationMailer } from './invitations-mail.js';
import type { InvitationRecord, InvitationsRepo } from './invitations-repo.js';

export interface InvitationsServiceDeps {
  repo: InvitationsRepo;
  schedules: Pick<SchedulesRepo, 'bumpSequence'>;
  access: MeetingsAccess;
  mailer: Pick<InvitationMailer, 'send'>;
  audit: Pick<AuditService, 'record'>;
  settings: Pick<SettingsService, 'get'>;
  now: () => Date;
}

export interface InviteDefaults {
  language?: Language | undefined;
  timeZone?: string | undefined;
}

export interface InviteResult {
  /** New invitations, and declined or revoked ones invited again: each was mailed. */
  invited: InvitationRecord[];
  /** Addresses that already had an active invitation: nothing was sent to them. */
  alreadyInvited: string[];
}

/** The host's side of personal invitations: invite (one, a list, CSV), list, resend, revoke. */
export function createInvitationsService(deps: InvitationsServiceDeps) {
  const auditActor = (actor: Actor) => ({ userId: actor.userId, role: actor.role });

  async function invite(
    actor: Actor,
    meetingId: string,
    invitees: ParsedInvitee[],
    defaults: InviteDefaults,
  ): Promise<InviteResult> {
    if (invitees.length > MAX_INVITATIONS) {
      throw badRequest('too_many_invitees', `At most ${MAX_INVITATIONS} invitations at once.`);
    }
    const defaultLanguage = defaults.language ?? (await deps.settings.get()).defaultLanguage;
    return deps.access.change(actor, meetingId, async (trx, aggregate) => {
      deps.access.ensureNotOver(aggregate);
      const existing = new Map(
        (await deps.repo.forMeeting(meetingId, {}, trx)).map((invitation) => [invitation.email, invitation]),
      );
      const fresh = invitees.filter((invitee) => !existing.has(invitee.email)).length;
      if (existing.size + fresh > MAX_INVITATIONS) {
        throw conflict('too_many_invitations', `A meeting can have at most ${MAX_INVITATIONS} invitations.`);
      }
      const pins = await deps.repo.pins(meetingId, trx);
      // The meeting-wide PIN must not become someone's personal one.
      if (aggregate.meeting.phonePin !== null) {
        pins.add(aggregate.meeting.phonePin);
      }
      const now = deps.now();
      const result: { ids: string[]; alreadyInvited: string[] } = { ids: [], alreadyInvited: [] };
      for (const invitee of invitees) {
        const previous = existing.get(invitee.email);
        const fields = {
          name: invitee.name || previous?.name || '',
          language: invitee.language ?? defaultLanguage,
          timeZone: invitee.timeZone ?? defaults.timeZone ?? aggregate.meeting.timeZone,
        };
        if (previous?.status === 'active') {
          result.alreadyInvited.push(invitee.email);
        } else if (previous) {
          await deps.repo.reactivate(previous.id, fields, now, trx);
          result.ids.push(previous.id);
        } else {
          const pin = generatePin(pins);
          pins.add(pin);
          const input = { meetingId, email: invitee.email, pin, createdByUserId: actor.userId, ...fields };
          result.ids.push(await deps.repo.insert(input, now, trx));
        }
      }
      const activeNow = async () => {
        const byId = new Map(
          (await deps.repo.forMeeting(meetingId, { status: 'active' }, trx)).map((i) => [i.id, i]),
        );
        return result.ids.flatMap((id) => byId.get(id) ?? []);
      };
      await deps.mailer.send(trx, aggregate, await activeNow(), { kind: 'invitation' });
      if (result.ids.length > 0) {
        await deps.audit.record(trx, auditActor(actor), {
          action: 'invitation.created',
          organisationId: aggregate.meeting.organisation.id,
          target: { type: 'meeting', id: meetingId },
          details: { count: result.ids.length, alreadyInvited: result.alreadyInvited.length },
        });
      }
      // Read again: each now points at the mail just queued.
      return { invited: await activeNow(), alreadyInvited: result.alreadyInvited };
    });
  }

  /** An invitation of a meeting the actor may manage; any other is "not found". */
  async function visible(actor: Actor, id: string): Promise<InvitationRecord> {
    const invitation = await deps.repo.findById(id);
    const aggregate = invitation && (await deps.access.load(invitation.meetingId));
    if (!invitation || !aggregate || !canSeeOrganisation(actor, aggregate.meeting.organisation.id)) {
      throw notFound('invitation');
    }
    return invitation;
  }

  /** Runs a change of one active invitation under its meeting's lock. */
  async function changeActive(
    actor: Actor,
    id: string,
    fn: Parameters<MeetingsAccess['change']>[2],
  ): Promise<InvitationRecord> {
    const { meetingId } = await visible(actor, id);
    await deps.access.change(actor, meetingId, async (trx, aggregate) => {
      const current = await deps.repo.findById(id, trx);
      if (current?.status !== 'active') {
        throw conflict('invitation_not_active', 'The invitation was declined or revoked.');
      }
      deps.access.ensureNotOver(aggregate);
      return fn(trx, aggregate);
    });
    return visible(actor, id);
  }

  return {
    invite,

    /** A pasted list or CSV text; `dryRun` only reports what would be invited. */
    async import(
      actor: Actor,
      meetingId: string,
      text: string,
      options: InviteDefaults & { dryRun: boolean },
    ): Promise<ParsedList & Partial<InviteResult>> {
      const parsed = parseInviteeList(text);
      if (options.dryRun) {
        await deps.access.forActor(actor, meetingId);
        return parsed;
      }
      return { ...parsed, ...(await invite(actor, meetingId, parsed.invitees, options)) };
    },

    async list(actor: Actor, meetingId: string): Promise<InvitationRecord[]> {
      await deps.access.forActor(actor, meetingId);
      return deps.repo.forMeeting(meetingId);
    },

    /** A new personal link: every earlier link stops working (tokens are stored hashed, so none can be re-sent). */
    resend: (actor: Actor, id: string) =>
      changeActive(actor, id, async (trx, aggregate) => {
        const invitation = await deps.repo.findById(id, trx);
        await deps.repo.deleteTokens(id, trx);
        await deps.mailer.send(trx, aggregate, invitation ? [invitation] : [], { kind: 'invitation' });
        await deps.audit.record(trx, auditActor(actor), {
          action: 'invitation.resent',
          organisationId: aggregate.meeting.organisation.id,
          target: { type: 'invitation', id },
        });
      }),

    /** Link and PIN stop working at once; the invitee gets a cancellation for their calendar. */
    revoke: (actor: Actor, id: string) =>
      changeActive(actor, id, async (trx, aggregate) => {
        await deps.repo.end(id, 'revoked', deps.now(), trx);
        await deps.schedules.bumpSequence(aggregate.meeting.id, undefined, trx);
        const fresh = await deps.access.forActor(actor, aggregate.meeting.id, trx);
        const invitation = await deps.repo.findById(id, trx);
        await deps.mailer.send(trx, fresh, invitation ? [invitation] : [], { kind: 'revoked' });
        await deps.audit.record(trx, auditActor(actor), {
          action: 'invitation.revoked',
          organisationId: aggregate.meeting.organisation.id,
          target: { type: 'invitation', id },
        });
      }),
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
