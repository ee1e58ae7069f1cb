import type { GroupMessageRecord } from './group-space-repo.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * The digest job runs hourly; without some slack a digest sent a few seconds into one run would wait for the
 * run after the next, and the time of day would creep later and later.
 */
const DIGEST_SLACK_MS = 10 * 60 * 1000;

/** Who is reading or writing, as decided from a personal link or a host's login. */
export interface GroupViewer {
  meetingId: string;
  title: string;
  /** `invitation:<id>` or `user:<id>`: the author of messages, and who may resend with the same client id. */
  authorKey: string;
  authorName: string;
  role: 'host' | 'invitee';
  /** The organisation's own chat retention in days; null: the platform's default. */
  retentionDays: number | null;
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

const INVITATION = 'invitation:';
const USER = 'user:';

export const invitationKey = (invitationId: string) => `${INVITATION}${invitationId}`;
export const userKey = (userId: string) => `${USER}${userId}`;

/** The invitation id in an author key, or undefined for a host. */
export function invitationIdOf(authorKey: string): string | undefined {
  return authorKey.startsWith(INVITATION) ? authorKey.slice(INVITATION.length) : undefined;
}

/** The user id in an author key, or undefined for an invitee. */
export function userIdOf(authorKey: string): string | undefined {
  return authorKey.startsWith(USER) ? authorKey.slice(USER.length) : undefined;
}

/** One message as this viewer may see it: removed text never leaves, invitation ids only for hosts. */
export function presentMessage(viewer: GroupViewer, message: GroupMessageRecord): GroupMessageView {
  const authorInvitationId = viewer.role === 'host' ? invitationIdOf(message.authorKey) : undefined;
  return {
    id: message.id,
    seq: message.seq,
    author: { name: message.authorName, role: message.authorRole },
    mine: message.authorKey === viewer.authorKey,
    text: message.deletedAt ? '' : message.text,
    removed: message.deletedAt !== null,
    createdAt: message.createdAt.toISOString(),
    ...(authorInvitationId ? { authorInvitationId } : {}),
  };
}

/** A person whose last digest went out before this moment may get the next one. */
export function digestCutoff(now: Date, digestDays: number): Date {
  return new Date(now.getTime() - digestDays * DAY_MS + DIGEST_SLACK_MS);
}

/** The newest `shown` of the messages (given newest first), oldest first, and how many more there were. */
export function digestSelection<T>(newestFirst: T[], shown: number): { quoted: T[]; more: number } {
  return {
    quoted: newestFirst.slice(0, shown).reverse(),
    more: Math.max(0, newestFirst.length - shown),
  };
}
