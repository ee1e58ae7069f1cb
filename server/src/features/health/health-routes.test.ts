import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { healthRoutes, type HealthDeps } from './health-routes.js';

async function health(deps: HealthDeps) {
  const app = Fastify();
  await app.register(healthRoutes(deps));
  const response = await app.inject({ method: 'GET', url: '/healthz' });
  await app.close();
  return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
}

const up: HealthDeps = {
  pingDatabase: () => Promise.resolve(),
  databaseKind: 'pglite',
  mediaNodes: () => [{ name: 'janus-1', status: 'up' }],
};

describe('GET /healthz', () => {
  it('shows the SIP provider registration without letting it decide the status', async () => {
    expect(await health(up)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect((await health(up)).body).not.toHaveProperty('sip');
    const failing = await health({ ...up, sipRegistration: () => 'failing' });
    expect(failing).toMatchObject({ status: 200, body: { status: 'ok', sip: { registration: 'failing' } } });
  });

  it('is degraded (503) when no Janus node answers', async () => {
    const down = await health({ ...up, mediaNodes: () => [{ name: 'janus-1', status: 'down' }] });
    expect(down).toMatchObject({ status: 503, body: { status: 'degraded' } });
  });
});
