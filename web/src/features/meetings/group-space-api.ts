import { api } from '../../core/api-client';

export interface GroupMessage {
  id: string;
  seq: number;
  author: { name: string; role: 'host' | 'invitee' };
  mine: boolean;
  text: string;
  removed: boolean;
  createdAt: string;
  authorInvitationId?: string;
}

export interface GroupPage {
  title: string;
  messages: GroupMessage[];
  hasOlder: boolean;
  /** Whether the reader gets the email summary, and at most how often (days). */
  digest: boolean;
  digestDays: number;
  /** Days after which messages are deleted. */
  retentionDays: number;
}

/** An invitee of the series as hosts see them in the group space. */
export interface GroupMember {
  invitationId: string;
  name: string;
  email: string;
  removed: boolean;
}

/** Who opens the space: an invitee with the personal link's token, or a host of the series (logged in). */
export type GroupAccess = { kind: 'invitee'; token: string } | { kind: 'host'; meetingId: string };

/** The group space API (docs/api/group-space.md); the invitee's token travels in a header, never a query. */
export function groupSpaceApi(access: GroupAccess) {
  const base =
    access.kind === 'host' ? `/api/meetings/${encodeURIComponent(access.meetingId)}/group` : '/api/group';
  const headers = access.kind === 'invitee' ? { 'x-invitation-token': access.token } : undefined;
  const options = headers ? { headers } : {};
  return {
    page: (before: number | undefined, signal?: AbortSignal) =>
      api.get<GroupPage>(`${base}/messages`, {
        ...options,
        ...(before === undefined ? {} : { query: { before } }),
        ...(signal ? { signal } : {}),
      }),
    post: (clientId: string, text: string) =>
      api.post<GroupMessage>(`${base}/messages`, { clientId, text }, options),
    setDigest: (enabled: boolean) =>
      api.request<undefined>('PUT', `${base}/digest`, { ...options, body: { enabled } }),
    members: (signal?: AbortSignal) =>
      api.get<{ items: GroupMember[] }>(`${base}/members`, { ...options, ...(signal ? { signal } : {}) }),
    setPersonRemoved: (invitationId: string, removed: boolean) =>
      api.request<undefined>('PUT', `${base}/members/${encodeURIComponent(invitationId)}`, {
        ...options,
        body: { removed },
      }),
    remove: (messageId: string) =>
      api.request<undefined>('DELETE', `${base}/messages/${encodeURIComponent(messageId)}`, options),
  };
}
