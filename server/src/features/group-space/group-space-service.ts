import { AppError, forbidden, notFound, tooManyRequests } from '../../http/errors.js';
import { KeyedLimiter } from '../../lib/keyed-limiter.js';
import type { Actor } from '../accounts/auth-service.js';
import type { InvitationsRepo } from '../invitations/invitations-repo.js';
import type { JoinService } from '../invitations/join-service.js';
import type { MeetingAggregate } from '../meetings/aggregate-fns.js';
import type { MeetingsAccess } from '../meetings/meetings-access.js';
import type { SettingsService } from '../settings/settings-service.js';
import {
  invitationIdOf,
  invitationKey,
  presentMessage,
  userIdOf,
  userKey,
  type GroupMessageView,
  type GroupViewer,
} from './group-space-fns.js';
import type { GroupSpaceRepo } from './group-space-repo.js';
import type { GroupMessageInput } from './group-space-schemas.js';

export type { GroupMessageView, GroupViewer } from './group-space-fns.js';

export interface GroupSpaceDeps {
  repo: GroupSpaceRepo;
  join: Pick<JoinService, 'openInvitation'>;
  access: Pick<MeetingsAccess, 'forActor'>;
  invitations: Pick<InvitationsRepo, 'findById'>;
  settings: Pick<SettingsService, 'get'>;
  now: () => Date;
}

export interface GroupPage {
  title: string;
  messages: GroupMessageView[];
  hasOlder: boolean;
  digest: boolean;
  digestDays: number;
  retentionDays: number;
}

const PAGE_SIZE = 50;

const noSpace = () => notFound('group_space');

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

  const digestOn = async (viewer: GroupViewer): Promise<boolean> => {
    const invitationId = invitationIdOf(viewer.authorKey);
    if (invitationId) {
      return deps.repo.digestOn(invitationId);
    }
    return deps.repo.hostDigestOn(viewer.meetingId, userIdOf(viewer.authorKey) ?? '');
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
        authorKey: invitationKey(invitation.id),
        // Never derived from the email address: other members must not learn it.
        authorName: invitation.name || 'Gast',
        role: 'invitee',
        retentionDays: aggregate.meeting.organisation.chatRetentionDays,
      };
    },

    /** Hosts, co-hosts, the organisation's other hosts and platform admins (meetings-access decides). */
    async asHost(actor: Actor, meetingId: string): Promise<GroupViewer> {
      const aggregate = await deps.access.forActor(actor, meetingId);
      seriesOnly(aggregate);
      return {
        meetingId,
        title: aggregate.meeting.title,
        authorKey: userKey(actor.userId),
        authorName: actor.name,
        role: 'host',
        retentionDays: aggregate.meeting.organisation.chatRetentionDays,
      };
    },

    async list(viewer: GroupViewer, beforeSeq: number | undefined): Promise<GroupPage> {
      const page = await deps.repo.page(viewer.meetingId, beforeSeq, PAGE_SIZE + 1);
      const hasOlder = page.length > PAGE_SIZE;
      const shown = hasOlder ? page.slice(1) : page;
      const settings = await deps.settings.get();
      return {
        title: viewer.title,
        messages: shown.map((m) => presentMessage(viewer, m)),
        hasOlder,
        digest: await digestOn(viewer),
        digestDays: settings.groupDigestDays,
        retentionDays: viewer.retentionDays ?? settings.chatRetentionDays,
      };
    },

    /** The reader switches their own email summary of this series on or off. */
    async setDigest(viewer: GroupViewer, enabled: boolean): Promise<void> {
      const invitationId = invitationIdOf(viewer.authorKey);
      if (invitationId) {
        await deps.repo.setDigest(invitationId, enabled);
      } else {
        await deps.repo.setHostDigest(viewer.meetingId, userIdOf(viewer.authorKey) ?? '', enabled);
      }
    },

    /** Committed before it is answered; the same client id again answers with the stored message. */
    async post(
      viewer: GroupViewer,
      input: GroupMessageInput,
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

    /** Hosts see who may use the space. */
    async members(viewer: GroupViewer) {
      requireHost(viewer);
      return { items: await deps.repo.members(viewer.meetingId) };
    },

    /** Takes an invitee out of the space (their meeting invitation stays); `removed: false` lets them back. */
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
