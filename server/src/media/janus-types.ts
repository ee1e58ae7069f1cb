import { z } from 'zod';

/** A session description as Janus sends and takes it. */
export interface Jsep {
  type: 'offer' | 'answer';
  sdp: string;
  [key: string]: unknown;
}

/** One trickled ICE candidate in Janus's shape; `null` from the browser becomes `{ completed: true }`. */
export interface JanusCandidate {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
}

/** What the server sends: the Janus verb plus its fields; `transaction` and `apisecret` are added by the channel. */
export type JanusRequest = { janus: string } & Record<string, unknown>;

const id = z.number().int().nonnegative();

/**
 * Every message Janus sends over its WebSocket API, checked at the edge. Loose: fields we do not read are
 * kept, so that callers (e.g. `server_info`) see them.
 */
export const janusMessageSchema = z.looseObject({
  janus: z.string().max(64),
  transaction: z.string().max(128).optional(),
  session_id: id.optional(),
  sender: id.optional(),
  data: z.looseObject({ id: id.optional() }).optional(),
  error: z.looseObject({ code: z.number().int(), reason: z.string().optional() }).optional(),
  plugindata: z
    .object({
      plugin: z.string().max(128),
      data: z.record(z.string(), z.unknown()),
    })
    .optional(),
  jsep: z.looseObject({ type: z.enum(['offer', 'answer']), sdp: z.string() }).optional(),
});
export type JanusMessage = z.infer<typeof janusMessageSchema>;

/** Janus's own reply kinds that end a transaction (besides `ack`, which ends only non-plugin ones). */
export const finalReplyKinds: ReadonlySet<string> = new Set(['success', 'event', 'server_info', 'pong']);

/** The plugin's error inside a reply or event, if it reports one (`error_code` + `error`). */
export function pluginErrorOf(
  message: JanusMessage,
): { code: number; reason: string; plugin: string } | undefined {
  const plugindata = message.plugindata;
  if (!plugindata) {
    return undefined;
  }
  const { error_code: code, error } = plugindata.data;
  if (typeof code !== 'number' && typeof error !== 'string') {
    return undefined;
  }
  return {
    code: typeof code === 'number' ? code : 0,
    reason: typeof error === 'string' ? error : 'plugin error',
    plugin: plugindata.plugin,
  };
}
