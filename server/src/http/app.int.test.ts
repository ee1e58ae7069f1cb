import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { buildApp } from './app.js';
import { AppError } from './errors.js';
import { parseInput } from './validate.js';

describe('HTTP app', () => {
  let app: FastifyInstance;
  let webRoot: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    webRoot = await mkdtemp(path.join(os.tmpdir(), 'tp-web-'));
    await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Treffpunkt</title>');
    await writeFile(path.join(webRoot, 'big.txt'), 'Treffpunkt '.repeat(1000));
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    app = await buildApp({
      logger: createLogger('info', stream),
      trustProxy: false,
      secureCookies: false,
      webRoot,
      features: [
        (instance) => {
          instance.post('/api/echo-name', (request) => {
            const body = parseInput(z.object({ name: z.string().trim().min(1).max(50) }), request.body);
            return { name: body.name };
          });
          instance.get('/api/teapot', () => {
            throw new AppError('meeting_not_found', 404, 'The meeting was not found.');
          });
          instance.get('/api/crash', () => {
            throw new Error('database exploded at 203.0.113.7');
          });
          return Promise.resolve();
        },
      ],
    });
  });

  afterAll(async () => {
    await app.close();
    await rm(webRoot, { recursive: true, force: true });
  });

  it('answers every error in one shape with the request id', async () => {
    const invalid = await app.inject({ method: 'POST', url: '/api/echo-name', payload: { name: '   ' } });
    expect(invalid.statusCode).toBe(400);
    const body = invalid.json<{ error: string; message: string; requestId: string }>();
    expect(body.error).toBe('validation_failed');
    expect(body.message).toMatch(/missing or invalid/);
    expect(body.requestId).toBe(invalid.headers['x-request-id']);

    const missing = await app.inject({ url: '/api/teapot' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'meeting_not_found' });

    const unknown = await app.inject({ url: '/api/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'not_found' });

    const malformed = await app.inject({
      method: 'POST',
      url: '/api/echo-name',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: 'bad_request' });
  });

  it('hides internal errors from the client and keeps IPs out of the log', async () => {
    const response = await app.inject({ url: '/api/crash', remoteAddress: '198.51.100.23' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({
      error: 'internal_error',
      message: 'Something went wrong on our side.',
    });
    expect(response.body).not.toContain('exploded');
    expect(logLines.join('')).not.toContain('198.51.100.23');
  });

  it('sends a strict same-origin content security policy and other security headers', async () => {
    const response = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:\/\//);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves the web app for client-side routes, but JSON 404 for the API', async () => {
    const page = await app.inject({ url: '/test', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Treffpunkt</title>');
    const api = await app.inject({ url: '/api/test', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
  });

  it('compresses larger responses', async () => {
    const response = await app.inject({ url: '/big.txt', headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
  });
});
