import type { FastifyPluginAsync } from 'fastify';

export interface HealthDeps {
  pingDatabase(): Promise<void>;
  databaseKind: string;
  mediaNodes(): Array<{ name: string; status: 'up' | 'down' }>;
  /**
   * The SIP provider registration (SIP_REGISTRAR): `registered`, `failing`, … or undefined without one.
   * Shown, not counted for the status: the web meetings work without telephone dial-in.
   */
  sipRegistration?: () => string | undefined;
}

/**
 * `GET /healthz` for load balancers and operators: 200 when the database and at least one Janus node answer,
 * 503 otherwise, with each part's state. No personal data, no versions or addresses.
 */
export function healthRoutes(deps: HealthDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/healthz', { logLevel: 'warn' }, async (_request, reply) => {
      let database: 'up' | 'down' = 'up';
      try {
        await withTimeout(deps.pingDatabase(), 2000);
      } catch {
        database = 'down';
      }
      const janus = deps.mediaNodes();
      const registration = deps.sipRegistration?.();
      const ok = database === 'up' && janus.some((node) => node.status === 'up');
      return reply
        .status(ok ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({
          status: ok ? 'ok' : 'degraded',
          database: { kind: deps.databaseKind, status: database },
          janus,
          ...(registration === undefined ? {} : { sip: { registration } }),
        });
    });
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
