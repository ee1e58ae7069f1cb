import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import { MAX_MESSAGE_BYTES } from '@treffpunkt/protocol';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { describeError, type Logger } from '../lib/logger.js';
import { AppError, type WireError } from './errors.js';

export interface AppOptions {
  logger: Logger;
  trustProxy: boolean;
  secureCookies: boolean;
  /** Built web app (web/dist); served with a fallback to index.html for client-side routes. */
  webRoot: string | undefined;
  /** Feature plugins: routes and signalling handlers. */
  features: FastifyPluginAsync[];
}

const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    mediaSrc: ["'self'", 'blob:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    frameSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  },
};

/** Builds the Fastify app: one error shape, request ids, security headers, compression, static web app. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger,
    trustProxy: options.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (!reply.hasHeader('cache-control')) {
      // Hashed build assets never change; everything else (index.html, API) must be revalidated.
      reply.header(
        'cache-control',
        request.url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    }
    reply.header(
      'permissions-policy',
      'camera=(self), microphone=(self), display-capture=(self), geolocation=()',
    );
  });

  app.setErrorHandler((error, request, reply) => {
    const body = toWireError(error, request.id);
    if (body.status >= 500) {
      request.log.error({ err: describeError(error) }, 'request failed');
    }
    const retryAfter = body.wire.details?.retryAfterSeconds;
    if (body.status === 429 && typeof retryAfter === 'number') {
      reply.header('retry-after', String(retryAfter));
    }
    return reply.status(body.status).send(body.wire);
  });

  await app.register(helmet, {
    contentSecurityPolicy,
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: options.secureCookies,
  });
  await app.register(compress, { threshold: 1024 });
  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: MAX_MESSAGE_BYTES } });

  for (const feature of options.features) {
    await app.register(feature);
  }

  if (options.webRoot && existsSync(options.webRoot)) {
    await app.register(fastifyStatic, {
      root: options.webRoot,
      wildcard: false,
      index: false,
      cacheControl: false,
    });
  }

  app.setNotFoundHandler((request, reply) => {
    // Client-side routes get the app; API paths and missing files (anything with an extension) get JSON 404.
    const accept = request.headers.accept ?? '*/*';
    const path = request.url.split('?')[0] ?? '';
    const wantsPage =
      request.method === 'GET' &&
      !path.startsWith('/api/') &&
      !/\.[a-z0-9]+$/i.test(path) &&
      options.webRoot !== undefined &&
      (accept.includes('text/html') || accept.includes('*/*'));
    if (wantsPage) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ error: 'not_found', message: 'There is nothing at this address.', requestId: request.id });
  });

  return app;
}

function toWireError(error: unknown, requestId: string): { status: number; wire: WireError } {
  if (error instanceof AppError) {
    return {
      status: error.status,
      wire: {
        error: error.code,
        message: error.message,
        requestId,
        ...(error.details ? { details: error.details } : {}),
      },
    };
  }
  const fastifyError = error as { statusCode?: number; code?: string; validation?: unknown };
  const status = fastifyError.statusCode ?? 500;
  if (status === 413) {
    return { status, wire: { error: 'payload_too_large', message: 'The request is too large.', requestId } };
  }
  if (status === 415) {
    return { status, wire: { error: 'unsupported_media_type', message: 'Please send JSON.', requestId } };
  }
  if (status >= 400 && status < 500) {
    return {
      status,
      wire: { error: 'bad_request', message: 'The request could not be understood.', requestId },
    };
  }
  return {
    status: 500,
    wire: { error: 'internal_error', message: 'Something went wrong on our side.', requestId },
  };
}
