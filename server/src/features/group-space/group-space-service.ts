import { AppError, forbidden, notFound, tooManyRequests } from '../../http/errors.js';
import { KeyedLimiter } from '../../lib/keyed-limiter.js';
import type { Actor } from '../accounts/auth-service.js';
import type { InvitationsRepo } from '../invitations/invitations-repo.js';
import type { JoinService } from '../invitations/join-service.js';
import type { MeetingAggregate } from '../meetings/aggregate-fns.js';
import type { MeetingsAccess } from '../meetings/meetings-access.js';
import type { GroupMessageRecord, GroupSpaceRepo } from './group-space-repo.js';

export interface GroupSpaceDeps {
  repo: GroupSpaceRepo;
  join: Pick<JoinService, 'openInvitation'>;
  access: Pick<MeetingsAccess, 'forActor'>;
  invitations: Pick<InvitationsRepo, 'findById'>;
  now: () => Date;
}

/** Who is reading or writing, as decided from a personal link or a host's login. */
export interface GroupViewer {
  meetingId: string;
  title: string;
  authorKey: string;
  authorName: string;
  role: 'host' | 'invitee';
}

export interface GroupMessageView {
  id: string;
  seq: number;
  author: { name: string; role: 'host' | 'invitee' };
  mine: boolean;
  /** Empty when removed. */
  text: string;
  removed: boolean;
  createdAt: string;
  /** For hosts only: the invitation behind an invitee's message, to remove the person from the space. */
  authorInvitationId?: string;
}

const PAGE_SIZE = 50;

const noSpace = () => notFound('group_space');

const invitationOf = (viewer: GroupViewer) =>
  viewer.authorKey.startsWith('invitation:') ? viewer.authorKey.slice('invitation:'.length) : undefined;

export function presentMessage(viewer: GroupViewer, message: GroupMessageRecord): GroupMessageView {
  return {
    id: message.id,
    seq: message.seq,
    author: { name: message.authorName, role: message.authorRole },
    mine: message.authorKey === viewer.authorKey,
    text: message.deletedAt ? '' : message.text,
    removed: message.deletedAt !== null,
    createdAt: message.createdAt.toISOString(),
    ...(viewer.role === 'host' && message.authorKey.startsWith('invitation:')
      ? { authorInvitationId: message.authorKey.slice('invitation:'.length) }
      : {}),
  };
}

/**
 * The message board of a series between its meetings. Invitees come in with their personal link (throttled and
 * refused like the join page once revoked or declined), hosts with their login; only series have one.
 */
export function createGroupSpaceService(deps: GroupSpaceDeps) {
  /** Messages per author: 10 at once, then one every 3 s. */
  const posting = new KeyedLimiter({ capacity: 10, refillPerSecond: 1 / 3, now: () => deps.now().getTime() });

  const seriesOnly = (aggregate: MeetingAggregate) => {
    if (aggregate.meeting.kind !== 'series' || aggregate.meeting.status !== 'active') {
      throw noSpace();
    }
  };

  const requireHost = (viewer: GroupViewer) => {
    if (viewer.role !== 'host') {
      throw forbidden('Only the group’s hosts can do this.');
    }
  };

  return {
    async asInvitee(token: string, source: string): Promise<GroupViewer> {
      const { invitation, aggregate } = await deps.join.openInvitation(token, source);
      seriesOnly(aggregate);
      if (await deps.repo.isRemovedMember(invitation.id)) {
        throw new AppError('removed_from_group', 403, 'The hosts have removed you from this group space.');
      }
      return {
        meetingId: aggregate.meeting.id,
        title: aggregate.meeting.title,
        authorKey: `invitation:${invitation.id}`,
        // Never derived from the email address: other members must not learn it.
        authorName: invitation.name || 'Gast',
        role: 'invitee',
      };
    },

    async asHost(actor: Actor, meetingId: string): Promise<GroupViewer> {
      const aggregate = await deps.access.forActor(actor, meetingId);
      seriesOnly(aggregate);
      return {
        meetingId,
        title: aggregate.meeting.title,
        authorKey: `user:${actor.userId}`,
        authorName: actor.name,
        role: 'host',
      };
    },

    async list(
      viewer: GroupViewer,
      beforeSeq: number | undefined,
    ): Promise<{ title: string; messages: GroupMessageView[]; hasOlder: boolean; digest?: boolean }> {
      const page = await deps.repo.page(viewer.meetingId, beforeSeq, PAGE_SIZE + 1);
      const hasOlder = page.length > PAGE_SIZE;
      const shown = hasOlder ? page.slice(1) : page;
      const invitationId = invitationOf(viewer);
      return {
        title: viewer.title,
        messages: shown.map((m) => presentMessage(viewer, m)),
        hasOlder,
        ...(invitationId ? { digest: await deps.repo.digestOn(invitationId) } : {}),
      };
    },

    /** An invitee switches the daily email summary on or off. */
    async setDigest(viewer: GroupViewer, enabled: boolean): Promise<void> {
      const invitationId = invitationOf(viewer);
      if (!invitationId) {
        throw forbidden('Only invitees get the email summary.');
      }
      await deps.repo.setDigest(invitationId, enabled);
    },

    /** Committed before it is answered; the same client id again answers with the stored message. */
    async post(
      viewer: GroupViewer,
      input: { clientId: string; text: string },
    ): Promise<{ message: GroupMessageView; created: boolean }> {
      const check = posting.take(viewer.authorKey);
      if (!check.allowed) {
        throw tooManyRequests(check.retryAfterSeconds);
      }
      const { message, created } = await deps.repo.insertOnce(
        {
          meetingId: viewer.meetingId,
          authorKey: viewer.authorKey,
          authorName: viewer.authorName,
          authorRole: viewer.role,
          clientId: input.clientId,
          text: input.text,
        },
        deps.now(),
      );
      return { message: presentMessage(viewer, message), created };
    },

    async removeMessage(viewer: GroupViewer, messageId: string): Promise<void> {
      requireHost(viewer);
      const message = await deps.repo.findById(viewer.meetingId, messageId);
      if (!message) {
        throw notFound('message');
      }
      await deps.repo.remove(message.id, deps.now());
    },

    /** Takes an invitee out of the space (their meeting invitation stays); `restore` lets them back. */
    async setPersonRemoved(viewer: GroupViewer, invitationId: string, removed: boolean): Promise<void> {
      requireHost(viewer);
      const invitation = await deps.invitations.findById(invitationId);
      if (!invitation || invitation.meetingId !== viewer.meetingId) {
        throw notFound('invitation');
      }
      await deps.repo.setRemoved(invitation.id, removed ? deps.now() : null);
    },
  };
}

export type GroupSpaceService = ReturnType<typeof createGroupSpaceService>;
