import { api, ApiError } from '../../core/api-client';
import { invalidFields, isWireError, parseRetryAfter } from '../../core/api-fns';
import type {
  DashboardOccurrence,
  ImportPreview,
  Invitation,
  InviteResult,
  JoinView,
  Meeting,
  MeetingListItem,
  Occurrence,
  Page,
} from './meetings-types';

/**
 * The few requests the JSON client cannot make: a header of our own (the invitation token, never in a URL) and a
 * `text/plain` answer (the invitation text). Failures become the same ApiError as everywhere else.
 */
async function rawGet(
  path: string,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { headers, credentials: 'same-origin', signal: signal ?? null });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError('network_error', 0);
  }
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const wire = isWireError(body) ? body : undefined;
    throw new ApiError(wire?.error ?? 'unknown_error', response.status, {
      retryAfter: parseRetryAfter(response.headers.get('retry-after')),
      requestId: wire?.requestId,
      fields: invalidFields(wire?.details),
    });
  }
  return response;
}

export const meetingsApi = {
  upcoming: (limit: number, signal?: AbortSignal) =>
    api.get<Page<DashboardOccurrence>>('/api/meetings/occurrences', {
      query: { when: 'upcoming', limit },
      signal,
    }),
  past: (limit: number, signal?: AbortSignal) =>
    api.get<Page<DashboardOccurrence>>('/api/meetings/occurrences', {
      query: { when: 'past', limit },
      signal,
    }),
  list: (query: Record<string, string | number | undefined>, signal?: AbortSignal) =>
    api.get<Page<MeetingListItem>>('/api/meetings', { query, signal }),
  get: (id: string, signal?: AbortSignal) => api.get<Meeting>(`/api/meetings/${id}`, { signal }),
  createSingle: (body: unknown) => api.post<Meeting>('/api/meetings', body),
  createSeries: (body: unknown) => api.post<Meeting>('/api/series', body),
  update: (id: string, patch: unknown) => api.patch<Meeting>(`/api/meetings/${id}`, patch),
  cancel: (id: string) => api.post<Meeting>(`/api/meetings/${id}/cancel`),
  occurrences: (id: string, signal?: AbortSignal) =>
    api.get<{ items: Occurrence[] }>(`/api/series/${id}/occurrences`, { signal }),
  occurrenceAction: (id: string, occurrenceId: string, action: 'cancel' | 'restore') =>
    api.post<Meeting>(`/api/series/${id}/occurrences/${occurrenceId}/${action}`),
  moveOccurrence: (id: string, occurrenceId: string, body: { start: string; durationMinutes?: number }) =>
    api.post<Meeting>(`/api/series/${id}/occurrences/${occurrenceId}/move`, body),
  thisAndFollowing: (id: string, occurrenceId: string, body: unknown) =>
    api.post<Meeting>(`/api/series/${id}/occurrences/${occurrenceId}/this-and-following`, body),
  async invitationText(id: string, language: string): Promise<string> {
    const response = await rawGet(`/api/meetings/${id}/invitation-text?language=${language}`, {
      accept: 'text/plain',
    });
    return response.text();
  },
  invitations: (id: string, signal?: AbortSignal) =>
    api.get<{ items: Invitation[] }>(`/api/meetings/${id}/invitations`, { signal }),
  invite: (id: string, body: unknown) => api.post<InviteResult>(`/api/meetings/${id}/invitations`, body),
  previewImport: (id: string, text: string) =>
    api.post<ImportPreview>(`/api/meetings/${id}/invitations/import`, { text, dryRun: true }),
  resend: (invitationId: string) => api.post<Invitation>(`/api/invitations/${invitationId}/resend`),
  revoke: (invitationId: string) => api.post<Invitation>(`/api/invitations/${invitationId}/revoke`),
  organisationHosts: (organisationId: string, signal?: AbortSignal) =>
    api.get<{ items: Array<{ id: string; name: string }> }>(`/api/organisations/${organisationId}/hosts`, {
      signal,
    }),
};

export const joinApi = {
  /** The token travels in a header, never in a query string (docs/privacy/meetings.md). */
  async byInvitation(token: string, signal?: AbortSignal): Promise<JoinView> {
    const response = await rawGet(
      '/api/join/invitation',
      { accept: 'application/json', 'x-invitation-token': token },
      signal,
    );
    return (await response.json()) as JoinView;
  },
  byMeetingId: (meetingId: string) => api.post<JoinView>('/api/join/meeting', { meetingId }),
  decline: (token: string) => api.post('/api/join/invitation/decline', { token }),
};
