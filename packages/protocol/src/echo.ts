import { z } from 'zod';
import { iceCandidate, requestId, sessionDescription } from './envelope.js';

/** "Test your setup": the browser's media looped back by the server through Janus's EchoTest plugin. */
export const echoStart = z.object({
  type: z.literal('echo.start'),
  id: requestId,
  offer: sessionDescription.refine((value) => value.type === 'offer', 'expected an offer'),
});
export const echoTrickle = z.object({
  type: z.literal('echo.trickle'),
  candidate: iceCandidate,
});
export const echoStop = z.object({ type: z.literal('echo.stop'), id: requestId.optional() });
