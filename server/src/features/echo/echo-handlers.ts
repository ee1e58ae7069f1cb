import type { HandlerTable, SignallingContext } from '../signalling/signalling-types.js';
import { createEchoSession, type EchoSession, type EchoSessionDeps } from './echo-service.js';

const stateKey = 'echo';

/** Signalling for "Test your setup": one echo session per connection at a time. */
export function echoHandlers(deps: EchoSessionDeps): HandlerTable {
  const current = (context: SignallingContext) => context.state.get(stateKey) as EchoSession | undefined;

  const stop = async (context: SignallingContext) => {
    const session = current(context);
    context.state.delete(stateKey);
    await session?.close();
  };

  return {
    'echo.start': async (context, message) => {
      await stop(context);
      const session = createEchoSession(deps);
      context.state.set(stateKey, session);
      const unregister = context.onClose(() => session.close());
      session.onEnded((reason) => {
        if (current(context) === session) {
          context.state.delete(stateKey);
          unregister();
          context.send({ type: 'echo.ended', reason });
        }
      });
      try {
        const answer = await session.start({ type: 'offer', sdp: message.offer.sdp });
        context.send({ type: 'echo.answer', id: message.id, answer });
      } catch (error) {
        unregister();
        await stop(context);
        throw error;
      }
    },
    'echo.trickle': async (context, message) => {
      await current(context)?.trickle(message.candidate);
    },
    'echo.stop': async (context) => {
      await stop(context);
      context.send({ type: 'echo.ended', reason: 'stopped' });
    },
  };
}
