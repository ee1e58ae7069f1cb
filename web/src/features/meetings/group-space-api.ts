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
  /** For invitees: whether they get the daily email summary. */
  digest?: boolean;
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
    removePerson: (invitationId: string) =>
      api.request<undefined>('PUT', `${base}/members/${encodeURIComponent(invitationId)}`, {
        ...options,
        body: { removed: true },
      }),
    remove: (messageId: string) =>
      api.request<undefined>('DELETE', `${base}/messages/${encodeURIComponent(messageId)}`, options),
  };
}
