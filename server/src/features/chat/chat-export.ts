import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { notFound } from '../../http/errors.js';
import { parseInput } from '../../http/validate.js';
import type { AuthHttp, RouteRegistrar } from '../accounts/auth-http.js';
import type { Actor } from '../accounts/auth-service.js';
import type { MeetingsAccess } from '../meetings/meetings-access.js';
import {
  chatToCsv,
  chatToJson,
  chatToText,
  type ExportHeader,
  type ExportMessage,
} from './chat-export-fns.js';
import { createChatRepo } from './chat-repo.js';
import { pollsExportRoute } from '../polls/polls-export.js';

/** Every message of an export in one read; an occurrence's chat is bounded by the per-person rate limit. */
const EXPORT_LIMIT = 100_000;

export const occurrenceParamsSchema = z.object({ occurrenceId: z.uuid() });

const formats = {
  txt: { type: 'text/plain; charset=utf-8', render: chatToText },
  csv: { type: 'text/csv; charset=utf-8', render: (_h: ExportHeader, m: ExportMessage[]) => chatToCsv(m) },
  json: { type: 'application/json; charset=utf-8', render: chatToJson },
} as const;

/** An occurrence with its meeting, for hosts of its organisation and platform admins; `not_found` otherwise. */
export async function occurrenceForActor(
  deps: { db: Database; access: Pick<MeetingsAccess, 'forActor'> },
  actor: Actor,
  occurrenceId: string,
) {
  const occurrence = await deps.db
    .selectFrom('meeting_occurrences')
    .select(['meeting_id', 'starts_at', 'ends_at'])
    .where('id', '=', occurrenceId)
    .executeTakeFirst();
  if (!occurrence) {
    throw notFound('occurrence');
  }
  const { meeting } = await deps.access.forActor(actor, occurrence.meeting_id);
  return { occurrence, meeting };
}

/**
 * The chat of one occurrence for the hosts of its organisation and platform admins (anyone else: 404, as for
 * meetings). They see every message, those to the hosts included; deleted messages are left out.
 */
export async function loadChatExport(
  deps: { db: Database; access: Pick<MeetingsAccess, 'forActor'> },
  actor: Actor,
  occurrenceId: string,
): Promise<{ header: ExportHeader; messages: ExportMessage[] }> {
  const { occurrence, meeting } = await occurrenceForActor(deps, actor, occurrenceId);
  const records = await createChatRepo(deps.db).after(occurrenceId, 0, { isHost: true }, EXPORT_LIMIT);
  return {
    header: {
      title: meeting.title,
      occurrenceId,
      startsAt: occurrence.starts_at.toISOString(),
      timeZone: meeting.timeZone,
    },
    messages: records.map((record) => ({
      messageId: record.id,
      seq: record.seq,
      sentAt: record.createdAt.toISOString(),
      senderName: record.senderName,
      senderRole: record.senderRole,
      audience: record.audience,
      text: record.text,
    })),
  };
}

/** `GET /api/occurrences/:occurrenceId/chat.{txt,csv,json}` and `polls.csv` (docs/api/chat.md). */
export function chatExportRoutes(deps: {
  http: AuthHttp;
  db: Database;
  access: Pick<MeetingsAccess, 'forActor'>;
}): RouteRegistrar {
  return (app) => {
    pollsExportRoute(deps)(app);
    for (const [extension, format] of Object.entries(formats)) {
      app.get(`/api/occurrences/:occurrenceId/chat.${extension}`, async (request, reply) => {
        const actor = await deps.http.requireUser(request);
        const { occurrenceId } = parseInput(occurrenceParamsSchema, request.params);
        const { header, messages } = await loadChatExport(deps, actor, occurrenceId);
        const day = header.startsAt.slice(0, 10);
        return reply
          .header('content-type', format.type)
          .header('content-disposition', `attachment; filename="chat-${day}.${extension}"`)
          .header('cache-control', 'no-store')
          .send(format.render(header, messages));
      });
    }
  };
}
