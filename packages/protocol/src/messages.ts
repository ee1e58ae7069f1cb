import { z } from 'zod';
import { echoStart, echoStop, echoTrickle } from './echo.js';
import { requestId, sessionDescription, signallingErrorCodes } from './envelope.js';
import { roomClientMessages, roomServerMessages } from './room.js';
import { chatClientMessages, chatServerMessages } from './chat.js';
import { pollClientMessages, pollServerMessages } from './polls.js';

/** Every message a browser may send over the signalling WebSocket. */
export const clientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ping'), id: requestId.optional() }),
  echoStart,
  echoTrickle,
  echoStop,
  ...roomClientMessages,
  ...chatClientMessages,
  ...pollClientMessages,
]);
export type ClientMessage = z.infer<typeof clientMessage>;
export type ClientMessageType = ClientMessage['type'];

/** Every message the server sends. */
export const serverMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pong'), id: requestId.optional() }),
  z.object({ type: z.literal('echo.answer'), id: requestId, answer: sessionDescription }),
  z.object({ type: z.literal('echo.ended'), reason: z.enum(['stopped', 'media_failed', 'server_shutdown']) }),
  z.object({
    type: z.literal('error'),
    id: requestId.optional(),
    error: z.enum(signallingErrorCodes),
    message: z.string().max(500),
  }),
  ...roomServerMessages,
  ...chatServerMessages,
  ...pollServerMessages,
]);
export type ServerMessage = z.infer<typeof serverMessage>;
